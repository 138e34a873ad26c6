using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SupportCopilot.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ReplyMemory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "MemoryUsed",
                table: "Drafts",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ReplyMemories",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TicketId = table.Column<int>(type: "INTEGER", nullable: false),
                    ApprovalId = table.Column<int>(type: "INTEGER", nullable: true),
                    Source = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    CustomerText = table.Column<string>(type: "TEXT", nullable: false),
                    ReplyText = table.Column<string>(type: "TEXT", nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Queue = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Language = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    AgentUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    EditRatio = table.Column<double>(type: "REAL", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Vector = table.Column<byte[]>(type: "BLOB", nullable: true),
                    VectorModel = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReplyMemories", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReplyMemories_Tickets_TicketId",
                        column: x => x.TicketId,
                        principalTable: "Tickets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ReplyMemories_ApprovalId",
                table: "ReplyMemories",
                column: "ApprovalId");

            migrationBuilder.CreateIndex(
                name: "IX_ReplyMemories_TicketId",
                table: "ReplyMemories",
                column: "TicketId");

            // Queue search by the words of any message (issue 20.2), kept in step by triggers like the other FTS tables.
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE TicketMessagesFts USING fts5(Body, content='TicketMessages', content_rowid='Id', tokenize='unicode61 remove_diacritics 2');
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER TicketMessages_ai AFTER INSERT ON TicketMessages BEGIN
                  INSERT INTO TicketMessagesFts(rowid, Body) VALUES (new.Id, new.Body);
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER TicketMessages_ad AFTER DELETE ON TicketMessages BEGIN
                  INSERT INTO TicketMessagesFts(TicketMessagesFts, rowid, Body) VALUES ('delete', old.Id, old.Body);
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER TicketMessages_au AFTER UPDATE OF Body ON TicketMessages BEGIN
                  INSERT INTO TicketMessagesFts(TicketMessagesFts, rowid, Body) VALUES ('delete', old.Id, old.Body);
                  INSERT INTO TicketMessagesFts(rowid, Body) VALUES (new.Id, new.Body);
                END;
                """);
            migrationBuilder.Sql("INSERT INTO TicketMessagesFts(TicketMessagesFts) VALUES('rebuild');");

            // BM25 over what the customer wrote (and the subject), kept in step by triggers in the writing transaction —
            // an erased ticket's entries leave the full-text index with them (cascade deletes fire the delete trigger).
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE ReplyMemoriesFts USING fts5(Subject, CustomerText, content='ReplyMemories', content_rowid='Id', tokenize='porter unicode61 remove_diacritics 2');
                """);
            // Row counts per term, so searches can leave out words that match most entries (FtsTermBudget).
            migrationBuilder.Sql("CREATE VIRTUAL TABLE ReplyMemoriesFtsVocab USING fts5vocab(ReplyMemoriesFts, 'row');");
            migrationBuilder.Sql("""
                CREATE TRIGGER ReplyMemories_ai AFTER INSERT ON ReplyMemories BEGIN
                  INSERT INTO ReplyMemoriesFts(rowid, Subject, CustomerText) VALUES (new.Id, new.Subject, new.CustomerText);
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER ReplyMemories_ad AFTER DELETE ON ReplyMemories BEGIN
                  INSERT INTO ReplyMemoriesFts(ReplyMemoriesFts, rowid, Subject, CustomerText) VALUES ('delete', old.Id, old.Subject, old.CustomerText);
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER ReplyMemories_au AFTER UPDATE OF Subject, CustomerText ON ReplyMemories BEGIN
                  INSERT INTO ReplyMemoriesFts(ReplyMemoriesFts, rowid, Subject, CustomerText) VALUES ('delete', old.Id, old.Subject, old.CustomerText);
                  INSERT INTO ReplyMemoriesFts(rowid, Subject, CustomerText) VALUES (new.Id, new.Subject, new.CustomerText);
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS TicketMessages_au;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS TicketMessages_ad;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS TicketMessages_ai;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS TicketMessagesFts;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS ReplyMemories_au;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS ReplyMemories_ad;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS ReplyMemories_ai;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS ReplyMemoriesFtsVocab;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS ReplyMemoriesFts;");
            migrationBuilder.DropTable(
                name: "ReplyMemories");

            migrationBuilder.DropColumn(
                name: "MemoryUsed",
                table: "Drafts");
        }
    }
}
