using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SupportCopilot.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TriageNeighboursFitCheckAndReason : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "PriorityReason",
                table: "Triages",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FitCheck",
                table: "TriageModels",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "Neighbours",
                table: "TriageModels",
                type: "BLOB",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "PriorityReason",
                table: "Triages");

            migrationBuilder.DropColumn(
                name: "FitCheck",
                table: "TriageModels");

            migrationBuilder.DropColumn(
                name: "Neighbours",
                table: "TriageModels");
        }
    }
}
