using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SupportCopilot.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TriageCorrections : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "TriageCorrections",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TicketId = table.Column<int>(type: "INTEGER", nullable: false),
                    Field = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    OldValue = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    NewValue = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TriageCorrections", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TriageCorrections_Tickets_TicketId",
                        column: x => x.TicketId,
                        principalTable: "Tickets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_TriageCorrections_CreatedAt",
                table: "TriageCorrections",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_TriageCorrections_TicketId",
                table: "TriageCorrections",
                column: "TicketId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "TriageCorrections");
        }
    }
}
