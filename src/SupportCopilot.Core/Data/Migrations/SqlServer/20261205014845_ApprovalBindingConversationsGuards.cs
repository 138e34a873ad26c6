using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SupportCopilot.Core.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class ApprovalBindingConversationsGuards : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "HandedOffAt",
                table: "Outbox",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "AnswersMessageId",
                table: "Drafts",
                type: "int",
                nullable: true);

            // Drafts written before turns were tracked answered the ticket's first customer message.
            migrationBuilder.Sql("UPDATE Drafts SET AnswersMessageId = (SELECT MIN(m.Id) FROM TicketMessages m WHERE m.TicketId = Drafts.TicketId AND m.Author = 'Customer');");

            migrationBuilder.AddColumn<string>(
                name: "Commitments",
                table: "Drafts",
                type: "nvarchar(max)",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Subject",
                table: "Approvals",
                type: "nvarchar(max)",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "To",
                table: "Approvals",
                type: "nvarchar(max)",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "HandedOffAt",
                table: "Outbox");

            migrationBuilder.DropColumn(
                name: "AnswersMessageId",
                table: "Drafts");

            migrationBuilder.DropColumn(
                name: "Commitments",
                table: "Drafts");

            migrationBuilder.DropColumn(
                name: "Subject",
                table: "Approvals");

            migrationBuilder.DropColumn(
                name: "To",
                table: "Approvals");
        }
    }
}
