using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SupportCopilot.Core.Data.Migrations.Sqlite
{
    /// <summary>
    /// Document frequency per term of the lexical index, so a query can leave out terms that occur almost
    /// everywhere (BM25 gives them nearly no weight, yet FTS5 would score every row they match).
    /// </summary>
    public partial class FtsVocabulary : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("CREATE VIRTUAL TABLE ChunksFtsVocab USING fts5vocab(ChunksFts, 'row');");
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TABLE IF EXISTS ChunksFtsVocab;");
        }
    }
}
