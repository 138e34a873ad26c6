using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MailKit.Net.Smtp;
using MimeKit;

namespace SupportCopilot.Core.Tests.Mail;

/// <summary>
/// Real mail servers from Debian on loopback, each test class its own: exim4 (SMTP) delivers every mail into one
/// maildir, and dovecot (IMAP) serves that maildir as the INBOX of <see cref="User"/>. `.ci/run` installs the packages;
/// this starts both with private configs in a temp folder and stops them afterwards. Needs root (exim's -C, dovecot's
/// privilege drop), as CI and this machine run.
/// </summary>
public sealed class MailServers : IAsyncLifetime
{
    public const string User = "support@example.com";
    public const string Password = "imap-test-password";
    private readonly List<Process> _processes = [];
    public string Root { get; } = Path.Combine(Path.GetTempPath(), "sc-mail-" + Guid.NewGuid().ToString("N")[..8]);
    public int SmtpPort { get; private set; }
    public int ImapPort { get; private set; }
    private string Maildir => Path.Combine(Root, "mail", "box");
    /// <summary>Set before start: exim takes each mail, then waits this long before it answers the sender's QUIT, so a
    /// test can kill a sender after the hand-off and before it records it (exim drops a mail whose sender disconnects
    /// earlier, during DATA).</summary>
    public int QuitDelaySeconds { get; init; }

    public async Task InitializeAsync()
    {
        foreach (var tool in new[] { "/usr/sbin/exim4", "/usr/sbin/dovecot" })
            if (!File.Exists(tool)) throw new InvalidOperationException($"{tool} is missing: apt-get install -y exim4-daemon-light dovecot-imapd (.ci/run does).");
        SmtpPort = FreePort.Next();
        ImapPort = FreePort.Next();
        foreach (var d in new[] { "spool", "log", "mail", "run/state" }) Directory.CreateDirectory(Path.Combine(Root, d));
        // exim and dovecot both act as Debian-exim on the maildir, and exim insists its spool belongs to it.
        await RunAsync("chown", $"-R Debian-exim:Debian-exim {Root}/spool {Root}/log {Root}/mail");
        await File.WriteAllTextAsync(Path.Combine(Root, "exim.conf"), $"""
            primary_hostname = mail.test
            domainlist local_domains = *
            exim_user = Debian-exim
            exim_group = Debian-exim
            never_users = root
            spool_directory = {Root}/spool
            log_file_path = {Root}/log/%slog
            acl_smtp_rcpt = acl_check_rcpt
            acl_smtp_quit = acl_check_quit
            host_lookup =
            rfc1413_hosts =
            tls_advertise_hosts =
            begin acl
            acl_check_rcpt:
              accept
            acl_check_quit:
              accept delay = {QuitDelaySeconds}s
            begin routers
            to_maildir:
              driver = accept
              transport = maildir_delivery
            begin transports
            maildir_delivery:
              driver = appendfile
              directory = {Maildir}
              maildir_format
              create_directory
              user = Debian-exim
              group = Debian-exim
              mode = 0660
              directory_mode = 0770
            """);
        await File.WriteAllTextAsync(Path.Combine(Root, "users"), $"{User}:{{PLAIN}}{Password}\n");
        await File.WriteAllTextAsync(Path.Combine(Root, "dovecot.conf"), $$"""
            base_dir = {{Root}}/run
            state_dir = {{Root}}/run/state
            protocols = imap
            listen = 127.0.0.1
            ssl = no
            disable_plaintext_auth = no
            auth_mechanisms = plain login
            first_valid_uid = 100
            log_path = {{Root}}/dovecot.log
            passdb {
              driver = passwd-file
              args = scheme=PLAIN username_format=%u {{Root}}/users
            }
            userdb {
              driver = static
              args = uid=Debian-exim gid=Debian-exim home={{Maildir}}
            }
            mail_location = maildir:{{Maildir}}
            service imap-login {
              chroot =
              inet_listener imap {
                port = {{ImapPort}}
              }
              inet_listener imaps {
                port = 0
              }
            }
            service anvil {
              chroot =
            }
            """);
        Start("/usr/sbin/exim4", $"-C {Root}/exim.conf -bdf -oX {SmtpPort} -odi");
        Start("/usr/sbin/dovecot", $"-c {Root}/dovecot.conf -F");
        await WaitForPortAsync(SmtpPort, "exim4", Path.Combine(Root, "log", "mainlog"));
        await WaitForPortAsync(ImapPort, "dovecot", Path.Combine(Root, "dovecot.log"));
    }

    /// <summary>Every mail the SMTP server has delivered so far (all recipients share the one maildir).</summary>
    public IReadOnlyList<MimeMessage> Delivered() =>
        new[] { "new", "cur" }.Select(d => Path.Combine(Maildir, d)).Where(Directory.Exists)
            .SelectMany(Directory.GetFiles).Select(f => MimeMessage.Load(f)).ToList();

    /// <summary>Waits until a mail to <paramref name="to"/> has arrived, up to 15 s.</summary>
    public async Task<MimeMessage> WaitForMailToAsync(string to)
    {
        for (var i = 0; i < 150; i++)
        {
            if (Delivered().FirstOrDefault(m => m.To.Mailboxes.Any(a => a.Address == to)) is { } mail) return mail;
            await Task.Delay(100);
        }
        throw new TimeoutException($"No mail to {to} arrived. exim log:\n{ReadLog(Path.Combine(Root, "log", "mainlog"))}");
    }

    /// <summary>A customer mails the support address: through exim, into the maildir dovecot serves.</summary>
    public async Task SendToSupportAsync(MimeMessage message)
    {
        using var client = new SmtpClient();
        await client.ConnectAsync("127.0.0.1", SmtpPort, MailKit.Security.SecureSocketOptions.None);
        await client.SendAsync(message);
        await client.DisconnectAsync(true);
        var id = message.MessageId;
        for (var i = 0; i < 100 && !Delivered().Any(m => m.MessageId == id); i++) await Task.Delay(100);
    }

    public Dictionary<string, string?> ImapSettings() => new()
    {
        ["Intake:Imap:Host"] = "127.0.0.1", ["Intake:Imap:Port"] = ImapPort.ToString(), ["Intake:Imap:Security"] = "None",
        ["Intake:Imap:Username"] = User, ["Intake:Imap:Password"] = Password,
    };

    public Dictionary<string, string?> SmtpSettings() => new()
    {
        ["Outbox:Channel"] = "Smtp", ["Outbox:Smtp:Host"] = "127.0.0.1", ["Outbox:Smtp:Port"] = SmtpPort.ToString(), ["Outbox:Smtp:Security"] = "None",
        ["Outbox:FromAddress"] = User,
    };

    public Task DisposeAsync()
    {
        foreach (var p in _processes)
        {
            try { if (!p.HasExited) p.Kill(entireProcessTree: true); p.WaitForExit(5000); } catch (InvalidOperationException) { /* already gone */ }
            p.Dispose();
        }
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { /* temp folder, best effort */ } catch (UnauthorizedAccessException) { }
        return Task.CompletedTask;
    }

    private void Start(string file, string args)
    {
        var p = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false })!;
        p.OutputDataReceived += (_, _) => { };
        p.ErrorDataReceived += (_, _) => { };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        _processes.Add(p);
    }

    private static async Task WaitForPortAsync(int port, string name, string log)
    {
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var c = new TcpClient();
                await c.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) { await Task.Delay(100); }
        }
        throw new InvalidOperationException($"{name} did not start listening on {port}:\n{ReadLog(log)}");
    }

    private static string ReadLog(string path) => File.Exists(path) ? File.ReadAllText(path) : "(no log)";

    private static async Task RunAsync(string file, string args)
    {
        using var p = Process.Start(new ProcessStartInfo(file, args) { UseShellExecute = false })!;
        await p.WaitForExitAsync();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{file} {args} failed with {p.ExitCode}");
    }
}
