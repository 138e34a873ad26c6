using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SupportCopilot.Core.Data.Migrations.Sqlite
{
    /// <summary>
    /// The embedded lexical index: an FTS5 table over Chunks (external content, so text is stored once),
    /// kept in step by triggers inside the same transaction as the chunk writes.
    /// </summary>
    public partial class KnowledgeFts : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE ChunksFts USING fts5(HeadingPath, Text, content='Chunks', content_rowid='Id', tokenize='porter unicode61 remove_diacritics 2');
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER Chunks_ai AFTER INSERT ON Chunks BEGIN
                  INSERT INTO ChunksFts(rowid, HeadingPath, Text) VALUES (new.Id, new.HeadingPath, new.Text);
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER Chunks_ad AFTER DELETE ON Chunks BEGIN
                  INSERT INTO ChunksFts(ChunksFts, rowid, HeadingPath, Text) VALUES ('delete', old.Id, old.HeadingPath, old.Text);
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER Chunks_au AFTER UPDATE ON Chunks BEGIN
                  INSERT INTO ChunksFts(ChunksFts, rowid, HeadingPath, Text) VALUES ('delete', old.Id, old.HeadingPath, old.Text);
                  INSERT INTO ChunksFts(rowid, HeadingPath, Text) VALUES (new.Id, new.HeadingPath, new.Text);
                END;
                """);
            migrationBuilder.Sql("INSERT INTO ChunksFts(ChunksFts) VALUES('rebuild');");
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS Chunks_au;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS Chunks_ad;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS Chunks_ai;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS ChunksFts;");
        }
    }
}
