using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SupportCopilot.Core.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class DraftAnswersMessage : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "AnswersMessageId",
                table: "Drafts",
                type: "int",
                nullable: true);

            // Drafts written before turns were tracked answered the ticket's first customer message.
            migrationBuilder.Sql("UPDATE Drafts SET AnswersMessageId = (SELECT MIN(m.Id) FROM TicketMessages m WHERE m.TicketId = Drafts.TicketId AND m.Author = 'Customer');");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AnswersMessageId",
                table: "Drafts");
        }
    }
}
