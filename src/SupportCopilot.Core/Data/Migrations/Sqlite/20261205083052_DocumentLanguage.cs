using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SupportCopilot.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DocumentLanguage : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Language",
                table: "Documents",
                type: "TEXT",
                maxLength: 20,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Language",
                table: "Documents");
        }
    }
}
