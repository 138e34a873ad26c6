using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SupportCopilot.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TicketPriorityRank : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "PriorityRank",
                table: "Tickets",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_Status_PriorityRank_Id",
                table: "Tickets",
                columns: new[] { "Status", "PriorityRank", "Id" });

            // The database keeps the rank from the triage's priority, whoever writes it (triage, corrections, bulk
            // actions, imports), and every existing ticket gets its rank now.
            migrationBuilder.Sql("""
                CREATE TRIGGER Triages_rank_ai AFTER INSERT ON Triages BEGIN
                  UPDATE Tickets SET PriorityRank = CASE new.Priority WHEN 'urgent' THEN 4 WHEN 'high' THEN 3 WHEN 'medium' THEN 2 WHEN 'low' THEN 1 ELSE 0 END WHERE Id = new.TicketId;
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER Triages_rank_au AFTER UPDATE OF Priority, TicketId ON Triages BEGIN
                  UPDATE Tickets SET PriorityRank = 0 WHERE Id = old.TicketId AND old.TicketId <> new.TicketId;
                  UPDATE Tickets SET PriorityRank = CASE new.Priority WHEN 'urgent' THEN 4 WHEN 'high' THEN 3 WHEN 'medium' THEN 2 WHEN 'low' THEN 1 ELSE 0 END WHERE Id = new.TicketId;
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER Triages_rank_ad AFTER DELETE ON Triages BEGIN
                  UPDATE Tickets SET PriorityRank = 0 WHERE Id = old.TicketId;
                END;
                """);
            migrationBuilder.Sql("""
                UPDATE Tickets SET PriorityRank = COALESCE((SELECT CASE tr.Priority WHEN 'urgent' THEN 4 WHEN 'high' THEN 3 WHEN 'medium' THEN 2 WHEN 'low' THEN 1 ELSE 0 END FROM Triages tr WHERE tr.TicketId = Tickets.Id), 0);
                """);
            // A database that has statistics (ANALYZE) would otherwise know every Tickets index but this one, and the
            // planner took it for the default view's Status filter and sorted 100k rows (6 -> 142 ms at 1M tickets).
            migrationBuilder.Sql("ANALYZE Tickets;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS Triages_rank_ai;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS Triages_rank_au;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS Triages_rank_ad;");

            migrationBuilder.DropIndex(
                name: "IX_Tickets_Status_PriorityRank_Id",
                table: "Tickets");

            migrationBuilder.DropColumn(
                name: "PriorityRank",
                table: "Tickets");
        }
    }
}
