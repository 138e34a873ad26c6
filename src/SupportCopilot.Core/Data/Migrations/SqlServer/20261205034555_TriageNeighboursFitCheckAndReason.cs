using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SupportCopilot.Core.Data.Migrations.SqlServer
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
                type: "nvarchar(max)",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FitCheck",
                table: "TriageModels",
                type: "nvarchar(max)",
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "Neighbours",
                table: "TriageModels",
                type: "varbinary(max)",
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
