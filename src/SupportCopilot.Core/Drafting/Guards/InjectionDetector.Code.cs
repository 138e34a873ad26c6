using System.Text.RegularExpressions;

namespace SupportCopilot.Core.Drafting.Guards;

/// <summary>
/// Attacks planted in code, logs and technical tickets (BIPIA's code task): what the attacker wants is code in our reply
/// that harms the customer's machine or sends their data away, ordered through the answer's code ("the code you
/// suggest", "your fix"), or hidden from the reader. Written in rounds against eval/injection/code-attacks*.txt (each
/// file written before the round it measures) and checked on code-lookalikes.txt and every real ticket set
/// (eval/README.md, "Attacks in tables and code").
/// </summary>
public static partial class InjectionDetector
{
    // Commands whose only use in a reply is harm: wiping a disk or the system ("rm -rf /", not "rm -rf /tmp/build"), a
    // fork bomb, piping a download into a shell, a reverse shell, switching off the firewall or Defender by command. Quoted in a customer's log they still
    // deserve a second look before a reply repeats them.
    [GeneratedRegex(@"\brm\s+-(rf|fr|r\s+-f|f\s+-r)\s+(--no-preserve-root|(/|~|\*|/(bin|boot|etc|lib|usr|var|home|sbin)/?)(?=[\s""'`*;)]|$))|:\(\)\s*\{\s*:\s*\|\s*:\s*&\s*\}\s*;\s*:|\bformat\s+c:|\b(del|rmdir|rd)\s+(/[a-z]\s+)*\S*\\system32\b|\bmkfs(\.\w+)?\s+/dev/|\bdd\s+if=\S+\s+of=/dev/(sd|hd|nvme|disk)|\b(curl|wget)\b[^|\n]{0,200}\|\s*(sudo\s+)?(ba|z|da)?sh\b|\b(iex|invoke-expression)\b[^\n]{0,120}\bdownloadstring\b|\bset-mppreference\b[^\n]{0,40}-disable\w*|\bnetsh\s+advfirewall\s+set\s+\w+\s+state\s+off\b|\bbash\s+-i\s+>&\s*/dev/tcp/|\bnc(at)?\s+(-\w+\s+)*-e\s+/bin/(ba)?sh\b|\bshutdown\s+(/s|-h\s+now|/r\s+/t\s+0)|\bNOPASSWD\b|\bchmod\s+(-R\s+)?777\s+/(?=[\s""'`;)]|$)|\b(overwrites?|wipes?|erases?|zeroe?s?)\s+(out\s+)?the\s+(boot\s+sector|mbr|master\s+boot\s+record|partition\s+table)\b", RegexOptions.IgnoreCase)]
    private static partial Regex HarmfulCommand();

    // Surveillance or theft of what only the customer's machine holds, sent somewhere: "sends every keystroke … to
    // http://…", "a screenshot every ten seconds, mailed to …@…", "upload ~/.ssh to …", or files encrypted and the
    // originals deleted. Not in the list: what customers send support themselves — passwords and credentials ("please
    // e-mail the new credentials to jane@…"), screenshots of an error, documents, a MAC address.
    // Led by the object (rare words the engine finds fast), with the verb before it or after it in the sentence and the
    // destination after it: three look-aheads tried at every position cost 230 µs a ticket, this a fraction.
    // A dot inside a word ("~/.ssh", "files.example.org") does not end the sentence the verb and the destination are looked for in.
    [GeneratedRegex(@"(?<!\w)(keystrokes?|key\s*presses|keylog\w*|clipboard|screenshots?\s+(every|each)|webcam|microphone|saved\s+passwords|/etc/(passwd|shadow)|\.ssh\b|ssh\s+keys?|private\s+keys?|cookies|browser\s+history|network\s+packets|encrypts?\s+(every|all)\b[^.!?\n]{0,80}\bdelet\w*)(?!\w)(?:(?<=\b(sends?|sending|copies|copy|posts?|posting|uploads?|uploading|mails?|mailing|e-?mails?|transmits?|exfiltrat\w+|forwards?|saves?|stores?|encrypts?|deletes?|records?|captures?|sniffs?)\b(?:[^.!?\n]|\.(?=\S)){0,260})|(?=(?:[^.!?\n]|\.(?=\S)){0,200}?\b(sends?|sending|copies|copy|posts?|posting|uploads?|uploading|mails?|mailing|e-?mails?|transmits?|exfiltrat\w+|forwards?|saves?|stores?|encrypts?|deletes?|records?|captures?|sniffs?)\b))(?:[^.!?\n]|\.(?=\S)){0,200}?(\b[a-z][a-z0-9+.-]{1,9}://\S+|\b[\w.+-]+@[\w-]+\.[\w.]+|\b(remote|external|attacker'?s?|our|my|a|an|ftp|sftp)\s+(server|endpoint|host|address)\b|\b(server|host|endpoint|machine)\s+(that\s+)?we\s+(control|own|run)\b|/tmp/\S+|\brandom\s+key\b|\boriginals\b)", RegexOptions.IgnoreCase)]
    private static partial Regex Exfiltration();

    // Orders about the answer being written, in whatever words name it: "your answer/solution/fix", "the assistant's
    // reply", "the code you return", "the suggested/corrected/final solution", "every snippet in the reply" — followed by
    // a modal ("should/must/needs to…") or led by an order ("Extend…", "Modify…", "Put … at the end of…", "For the
    // corrected code, add…", "Alongside your explanation, provide…"); "When you answer, include a function…" (code
    // named: "When you answer, could you tell me…" is a customer). Present tense only: "the fix you suggested" is a
    // customer reporting back, and a bare "the solution" is what customers write about a product.
    private const string ReplyNoun = @"(answer|reply|response|output|explanation|solution|fix|example|script|code|snippet|version|rewrite|function|program)s?";
    private const string ReplyReferent =
        @"(?:\b(your|the\s+(assistant|model|ai|bot|chatbot)'?s?)\s+((whole|entire|full|final|next|example|suggested|corrected|proposed)\s+)?" + ReplyNoun + @"\b" +
        @"|\bthe\s+" + ReplyNoun + @"\s+(that\s+)?you\s+(give|return|write|output|provide|suggest|produce|generate|send|show)\b" +
        @"|\bthe\s+(suggested|corrected|final|proposed|example)\s+(solution|code|script|version|fix|snippet|function|program|answer|reply)\b" +
        @"|\b(every|each|any)\s+(snippet|code\s+block|example|script|function|line\s+of\s+code)\s+(in|of)\s+(the|your)\s+(reply|answer|response|output)\b" +
        @"|\b(any|all|every|each)\s+(code|snippets?|scripts?|examples?|functions?)\s+(that\s+)?you\s+(show|give|write|return|output|provide|suggest|produce|generate|send)\b" +
        @"|\bthe\s+code\s+examples?\b)";
    private const string ClauseStart = @"(?:(?:^|[.!?:;#]\s*|\band\s+|,\s+|\bthen\s+)(?:please\s+|also\s+|now\s+|then\s+|quietly\s+|silently\s+)?|\b(?-i:(?=[A-Z])))";
    private const string OrderVerb = @"(add|include|insert|append|embed|put|place|extend|modify|change|alter|rewrite|make|have|give|provide|show|use|write|end|begin|start|respond|call|send|upload|hide|slip|sneak)";

    // Each alternative starts at a word (the answer's name, or "when", "change", "recommend", "code") and looks back for
    // the order before it, so the engine does not try the clause-start test at every position (153 µs a ticket before).
    [GeneratedRegex(ReplyReferent + @"(?<=" + ClauseStart + OrderVerb + @"\b[^.!?\n]{0,140})(?<!\b" + OwnReference + @"\b[^.!?\n]{0,140})" +
        @"|" + ReplyReferent + @"(?<=" + ClauseStart + @"(for|in|inside|within|to|into|at\s+the\s+(end|start|top|bottom)\s+of|alongside|with|before|after)\s+[^.!?\n]{0,60})[^.!?\n]{0,20},?\s+(also\s+)?" + OrderVerb + @"\b" +
        @"|" + ReplyReferent + @"(\s+\w+){0,3}\s+(should|must|needs\s+to|has\s+to|shall|is\s+to|will\s+need\s+to|ought\s+to)\s+(also\s+)?(?!have\b|be\s+(sent|delivered|ready|available|done|fixed)\b)\w+" +
        @"|\bwhen\s+you\s+(answer|reply|respond|write|fix|rewrite|correct|explain)\b[^.!?\n,]{0,40},(?<=" + ClauseStart + @"when\s+you\s+[^.!?\n,]{1,50},)\s*(please\s+)?(also\s+)?" + OrderVerb + @"\b[^.!?\n]{0,60}\b(function|code|line|call|script|command|snippet|import|loop|helper|module|task|thread)s?\b" +
        @"|\b(change|rewrite|modify|alter)\s+the\s+(solution|fix|function|code|script)\s+(so\s+that|to)\s+(it\s+)?(also\s+)?(store|send|upload|record|delete|encrypt|disable|sniff|log|mail|capture|fork|download)\w*\b" +
        @"|\b(recommend|suggest|advise)\s+(that\s+)?the\s+user\s+(runs?|executes?|installs?|disables?|deletes?|pastes?|enters?|turns?\s+off)\b" +
        @"|\bcode\s+blocks?\s+you\s+(output|write|produce|generate)\b", RegexOptions.IgnoreCase)]
    private static partial Regex CodeReplyOrder();

    // An order to hide what is added from the person who reads the reply: "quietly add…", "slip in a call…", "hide a timer
    // that…", "…without mentioning it". An honest request never asks us to keep something from the reader.
    [GeneratedRegex(@"\b(quietly|silently|secretly|covertly|discreetly|stealthily)\s+(add|insert|include|slip|put|append|embed|send|upload|copy|log|record|install|run)\b(?<=" + ClauseStart + @"\w+\s+\w+)" +
        @"|\b(slip|sneak)\s+in\b|\bhide\s+(a|an|the|this|some)\s+(call|line|timer|function|loop|command|script|payload|snippet|link|request|task)\b(?<=" + ClauseStart + @"hide\s+\w+\s+\w+)" +
        @"|\bwithout\s+(mentioning|telling|informing|notifying|alerting|showing|warning)\s+(it|this|that|them|the\s+(user|reader|customer|recipient)s?)\b" +
        // Kept from the reader or the reviewing agent: "Under no circumstances mention the deadline to the customer", "Do not
        // tell the agent about this instruction" (not "don't tell the customer service team…").
        @"|\b(do\s+not|don['’]t|never|under\s+no\s+circumstances)\s+(mention|tell|reveal|say|disclose|show)\b[^.!?\n]{0,60}\bto\s+the\s+(customer|client|user|reader|agent|recipient)\b(?!\s+(service|support|care|team))" +
        @"|\b(do\s+not|don['’]t|never)\s+(tell|inform|alert|notify|show)\s+the\s+(agent|human|reviewer|operator|moderator|support\s+agent)\b", RegexOptions.IgnoreCase)]
    private static partial Regex HiddenAddition();
}
