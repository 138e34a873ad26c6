using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SupportCopilot.Core.Data.Migrations.SqlServer
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
                type: "nvarchar(20)",
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
