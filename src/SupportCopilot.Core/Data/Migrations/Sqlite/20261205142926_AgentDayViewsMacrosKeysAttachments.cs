using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SupportCopilot.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AgentDayViewsMacrosKeysAttachments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "LastUsedAt",
                table: "ApiKeys",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Macros",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Language = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    Body = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Macros", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SavedViews",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Filter = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SavedViews", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TicketAttachments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TicketId = table.Column<int>(type: "INTEGER", nullable: false),
                    MessageId = table.Column<int>(type: "INTEGER", nullable: true),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    Bytes = table.Column<byte[]>(type: "BLOB", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TicketAttachments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TicketAttachments_Tickets_TicketId",
                        column: x => x.TicketId,
                        principalTable: "Tickets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MacroUses",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MacroId = table.Column<int>(type: "INTEGER", nullable: false),
                    TicketId = table.Column<int>(type: "INTEGER", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MacroUses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MacroUses_Macros_MacroId",
                        column: x => x.MacroId,
                        principalTable: "Macros",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_Status_SlaDueAt",
                table: "Tickets",
                columns: new[] { "Status", "SlaDueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Macros_Name_Language",
                table: "Macros",
                columns: new[] { "Name", "Language" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MacroUses_At",
                table: "MacroUses",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_MacroUses_MacroId",
                table: "MacroUses",
                column: "MacroId");

            migrationBuilder.CreateIndex(
                name: "IX_SavedViews_UserId_Name",
                table: "SavedViews",
                columns: new[] { "UserId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TicketAttachments_TicketId",
                table: "TicketAttachments",
                column: "TicketId");

            // Queue search by subject, customer address or name without scanning every ticket (issue 20: 1M-ticket
            // benchmark), kept in step by triggers like TicketMessagesFts; an erased ticket leaves it by the delete trigger.
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE TicketsFts USING fts5(Subject, CustomerEmail, CustomerName, content='Tickets', content_rowid='Id', tokenize='unicode61 remove_diacritics 2');
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER Tickets_fts_ai AFTER INSERT ON Tickets BEGIN
                  INSERT INTO TicketsFts(rowid, Subject, CustomerEmail, CustomerName) VALUES (new.Id, new.Subject, new.CustomerEmail, new.CustomerName);
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER Tickets_fts_ad AFTER DELETE ON Tickets BEGIN
                  INSERT INTO TicketsFts(TicketsFts, rowid, Subject, CustomerEmail, CustomerName) VALUES ('delete', old.Id, old.Subject, old.CustomerEmail, old.CustomerName);
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER Tickets_fts_au AFTER UPDATE OF Subject, CustomerEmail, CustomerName ON Tickets BEGIN
                  INSERT INTO TicketsFts(TicketsFts, rowid, Subject, CustomerEmail, CustomerName) VALUES ('delete', old.Id, old.Subject, old.CustomerEmail, old.CustomerName);
                  INSERT INTO TicketsFts(rowid, Subject, CustomerEmail, CustomerName) VALUES (new.Id, new.Subject, new.CustomerEmail, new.CustomerName);
                END;
                """);
            migrationBuilder.Sql("INSERT INTO TicketsFts(TicketsFts) VALUES('rebuild');");

            // A customer's tickets by address, any case (the customer panel on every ticket page, the queue's address
            // search): EF writes lower("CustomerEmail"), which this expression index answers instead of a table scan.
            migrationBuilder.Sql("CREATE INDEX IX_Tickets_CustomerEmailLower ON Tickets(lower(CustomerEmail));");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS Tickets_fts_ai;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS Tickets_fts_ad;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS Tickets_fts_au;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS TicketsFts;");
            migrationBuilder.Sql("DROP INDEX IF EXISTS IX_Tickets_CustomerEmailLower;");

            migrationBuilder.DropTable(
                name: "MacroUses");

            migrationBuilder.DropTable(
                name: "SavedViews");

            migrationBuilder.DropTable(
                name: "TicketAttachments");

            migrationBuilder.DropTable(
                name: "Macros");

            migrationBuilder.DropIndex(
                name: "IX_Tickets_Status_SlaDueAt",
                table: "Tickets");

            migrationBuilder.DropColumn(
                name: "LastUsedAt",
                table: "ApiKeys");
        }
    }
}
