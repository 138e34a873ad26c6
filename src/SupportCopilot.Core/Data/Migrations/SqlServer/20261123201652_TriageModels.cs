using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SupportCopilot.Core.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class TriageModels : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<double>(
                name: "CategoryConfidence",
                table: "Triages",
                type: "float",
                nullable: false,
                defaultValue: 0.0);

            migrationBuilder.AddColumn<double>(
                name: "LanguageConfidence",
                table: "Triages",
                type: "float",
                nullable: false,
                defaultValue: 0.0);

            migrationBuilder.AddColumn<bool>(
                name: "NeedsHuman",
                table: "Triages",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<double>(
                name: "PriorityConfidence",
                table: "Triages",
                type: "float",
                nullable: false,
                defaultValue: 0.0);

            migrationBuilder.AddColumn<string>(
                name: "Sentiment",
                table: "Triages",
                type: "nvarchar(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "SentimentConfidence",
                table: "Triages",
                type: "float",
                nullable: false,
                defaultValue: 0.0);

            migrationBuilder.AddColumn<double>(
                name: "TypeConfidence",
                table: "Triages",
                type: "float",
                nullable: false,
                defaultValue: 0.0);

            migrationBuilder.CreateTable(
                name: "TriageModels",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Field = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: false),
                    Version = table.Column<int>(type: "int", nullable: false),
                    Classes = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    Examples = table.Column<int>(type: "int", nullable: false),
                    TrainedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Bytes = table.Column<byte[]>(type: "varbinary(max)", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TriageModels", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Triages_NeedsHuman",
                table: "Triages",
                column: "NeedsHuman");

            migrationBuilder.CreateIndex(
                name: "IX_TriageModels_Field_Version",
                table: "TriageModels",
                columns: new[] { "Field", "Version" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "TriageModels");

            migrationBuilder.DropIndex(
                name: "IX_Triages_NeedsHuman",
                table: "Triages");

            migrationBuilder.DropColumn(
                name: "CategoryConfidence",
                table: "Triages");

            migrationBuilder.DropColumn(
                name: "LanguageConfidence",
                table: "Triages");

            migrationBuilder.DropColumn(
                name: "NeedsHuman",
                table: "Triages");

            migrationBuilder.DropColumn(
                name: "PriorityConfidence",
                table: "Triages");

            migrationBuilder.DropColumn(
                name: "Sentiment",
                table: "Triages");

            migrationBuilder.DropColumn(
                name: "SentimentConfidence",
                table: "Triages");

            migrationBuilder.DropColumn(
                name: "TypeConfidence",
                table: "Triages");
        }
    }
}
