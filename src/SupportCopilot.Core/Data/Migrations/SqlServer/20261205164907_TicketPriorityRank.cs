using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SupportCopilot.Core.Data.Migrations.SqlServer
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
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_Status_PriorityRank_Id",
                table: "Tickets",
                columns: new[] { "Status", "PriorityRank", "Id" });

            // The database keeps the rank from the triage's priority, whoever writes it; existing tickets get theirs now.
            migrationBuilder.Sql("""
                CREATE TRIGGER TR_Triages_PriorityRank ON Triages AFTER INSERT, UPDATE, DELETE AS
                BEGIN
                  SET NOCOUNT ON;
                  UPDATE t SET PriorityRank = COALESCE((SELECT CASE tr.Priority WHEN 'urgent' THEN 4 WHEN 'high' THEN 3 WHEN 'medium' THEN 2 WHEN 'low' THEN 1 ELSE 0 END
                                                        FROM Triages tr WHERE tr.TicketId = t.Id), 0)
                  FROM Tickets t WHERE t.Id IN (SELECT TicketId FROM inserted UNION SELECT TicketId FROM deleted);
                END
                """);
            migrationBuilder.Sql("""
                UPDATE t SET PriorityRank = COALESCE((SELECT CASE tr.Priority WHEN 'urgent' THEN 4 WHEN 'high' THEN 3 WHEN 'medium' THEN 2 WHEN 'low' THEN 1 ELSE 0 END
                                                      FROM Triages tr WHERE tr.TicketId = t.Id), 0)
                FROM Tickets t;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS TR_Triages_PriorityRank;");

            migrationBuilder.DropIndex(
                name: "IX_Tickets_Status_PriorityRank_Id",
                table: "Tickets");

            migrationBuilder.DropColumn(
                name: "PriorityRank",
                table: "Tickets");
        }
    }
}
