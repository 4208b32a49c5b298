#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "cli/command_context.h"
#include "cli/commands.h"
#include "cli/serving.h"
#include "cli/text_table.h"

namespace kartla::cli {
namespace {

struct ServeOptions {
  int port = 0;
  std::string round;
  std::string target_group;
  std::vector<std::string> organisations;
  std::string language;
  bool unopened = false;
  bool preview = false;
  std::string on;  // a planned reminder's day
};

int Serve(CommandContext& context, const ServeOptions& options) {
  auto app = context.OpenApp(false);
  if (!app.ok()) return context.Fail(app.status());
  Status served = ServeUntilSignal(**app, options.port, [&context](int port) {
    context.out << fmt::format("Serving on http://{}:{}/ (Ctrl-C stops)\n",
                               "127.0.0.1", port)
                << std::flush;
  });
  if (!served.ok()) return context.Fail(served);
  context.out << "Stopped.\n";
  return kExitSuccess;
}

int CreateInvitations(CommandContext& context, const ServeOptions& options) {
  auto app = context.OpenApp(false);
  if (!app.ok()) return context.Fail(app.status());
  std::optional<Lang> lang;
  if (!options.language.empty()) {
    lang = ParseLang(options.language);
    if (!lang) {
      return context.Fail(Status::InvalidInput("--lang: use fi, sv or en"));
    }
  }
  std::string base = (*app)->config().PublicUrl();
  // All the links or none: a link nobody saw must not be stored.
  auto issued = (*app)->invitations().Create(fieldwork::NewInvitations{
      options.round, options.target_group, options.organisations, lang});
  if (!issued.ok()) return context.Fail(issued.status());
  TextTable table({{"Organisation"}, {"Language"}, {"Link"}});
  for (const fieldwork::IssuedInvitation& one : *issued) {
    table.AddRow({one.invitation.organisation_code,
                  std::string(LangCode(one.invitation.language)),
                  fmt::format("{}/r/{}", base, one.token)});
  }
  (*app)->accounts().Audit(context.Actor(), "invitations.create", "round " + options.round,
                           fmt::format("{} for {}", options.target_group,
                                       fmt::join(options.organisations, " ")));
  table.Print(context.out);
  context.out << "Each link is shown once; only its hash is stored.\n";
  return kExitSuccess;
}

int SendInvitations(CommandContext& context, const ServeOptions& options) {
  auto app = context.OpenApp(false);
  if (!app.ok()) return context.Fail(app.status());
  auto summary = (*app)->mailing().InviteContacts(options.round, options.target_group,
                                                  options.organisations);
  if (!summary.ok()) return context.Fail(summary.status());
  std::string detail = fmt::format("{} invited, {} invited before, {} outside the round",
                                   summary->invited, summary->already,
                                   summary->not_in_registry);
  (*app)->accounts().Audit(context.Actor(), "invitations.send",
                           "round " + options.round + " " + options.target_group, detail);
  context.out << fmt::format(
      "Queued {} invitation{} to {} of round {} ({} invited before, {} contacts of "
      "organisations outside the round). `kartla mail send` or `kartla serve` sends "
      "them.\n",
      summary->invited, summary->invited == 1 ? "" : "s", options.target_group,
      options.round, summary->already, summary->not_in_registry);
  return kExitSuccess;
}

int Remind(CommandContext& context, const ServeOptions& options) {
  auto app = context.OpenApp(false);
  if (!app.ok()) return context.Fail(app.status());
  if (!(*app)->storage().rounds().FindRound(options.round)) {
    return context.Fail(Status::NotFound("there is no round " + options.round));
  }
  auto recipients = (*app)->mailing().ReminderRecipients(options.round, options.unopened);
  TextTable table({{"Organisation"}, {"Role"}, {"Name"}, {"Email"}, {"Status"}});
  for (const auto& recipient : recipients) {
    table.AddRow({recipient.invitation.organisation_code, recipient.invitation.role,
                  recipient.contact.name, recipient.contact.email,
                  std::string(fieldwork::StatusCode(recipient.invitation.status))});
  }
  table.Print(context.out);
  if (options.preview) {
    context.out << fmt::format("{} would be reminded (preview: nothing queued).\n",
                               recipients.size());
    return kExitSuccess;
  }
  (*app)->mailing().QueueReminders(recipients);
  (*app)->accounts().Audit(context.Actor(), "invitations.remind", "round " + options.round,
                           fmt::format("{} reminders", recipients.size()));
  context.out << fmt::format("Queued {} reminder{}.\n", recipients.size(),
                             recipients.size() == 1 ? "" : "s");
  return kExitSuccess;
}

// Plans reminders for a day (with --on), or lists those planned.
int Schedule(CommandContext& context, const ServeOptions& options) {
  auto app = context.OpenApp(false);
  if (!app.ok()) return context.Fail(app.status());
  fieldwork::Mailing& mailing = (*app)->mailing();
  if (!options.on.empty()) {
    auto day = Date::Parse(options.on);
    if (!day) return context.Fail(Status::InvalidInput("--on: use a date as YYYY-MM-DD"));
    auto planned =
        mailing.ScheduleReminders(options.round, *day, options.unopened, context.Actor());
    if (!planned.ok()) return context.Fail(planned.status());
    (*app)->accounts().Audit(context.Actor(), "invitations.schedule", "round " + options.round,
                             fmt::format("reminders on {}", day->ToString()));
    context.out << fmt::format(
        "Planned reminders to round {} on {}{}; `kartla serve` (or `kartla mail send`) "
        "queues them that day.\n",
        options.round, day->ToString(),
        options.unopened ? " (only those who have not opened their link)" : "");
  } else if (!(*app)->storage().rounds().FindRound(options.round)) {
    return context.Fail(Status::NotFound("there is no round " + options.round));
  }
  TextTable table({{"Day"}, {"To"}, {"Planned by"}, {"Queued"}, {"Reminders", Align::kRight}});
  for (const fieldwork::ScheduledReminder& planned :
       mailing.ScheduledReminders(options.round)) {
    table.AddRow({planned.send_on.ToString(),
                  planned.unopened_only ? "not opened" : "not submitted", planned.created_by,
                  planned.done_at ? FormatTimestamp(*planned.done_at) : "planned",
                  planned.done_at ? std::to_string(planned.reminded) : ""});
  }
  table.Print(context.out);
  return kExitSuccess;
}

int SendMail(CommandContext& context) {
  auto app = context.OpenApp(false);
  if (!app.ok()) return context.Fail(app.status());
  if (int queued = (*app)->mailing().RunDueReminders(); queued > 0) {
    context.out << fmt::format("Queued {} planned reminders.\n", queued);
  }
  auto sender = (*app)->JoinSenders();
  auto transport = (*app)->MakeMailTransport();
  auto counts = (*app)->mailing().SendDue(*transport, [] { return true; });
  context.out << fmt::format("Sent {}, to be tried again {}, failed {}.\n", counts.sent,
                             counts.retried, counts.failed);
  if (!counts.unreachable.empty()) {
    context.out << fmt::format(
        "Stopped: {}. Nothing was counted against the messages; they go when it can be "
        "reached.\n",
        counts.unreachable);
  }
  return kExitSuccess;
}

}  // namespace

void AddServeCommands(CLI::App& app, CommandContext& context) {
  auto options = std::make_shared<ServeOptions>();
  CLI::App* serve = app.add_subcommand(
      "serve", "Serve the respondents' pages until Ctrl-C (SIGINT) or SIGTERM");
  serve->add_option("--port", options->port,
                    "Default: server.port of the configuration (8080)")
      ->check(CLI::Range(1, 65535));
  serve->callback([&context, options] { context.exit_code = Serve(context, *options); });

  CLI::App* invite = app.add_subcommand("invite", "Invitations: personal links");
  invite->require_subcommand(1);
  CLI::App* create = invite->add_subcommand(
      "create", "Issue a link for each organisation to the round's questionnaire "
                "for a target group, and print the links");
  create->add_option("ROUND", options->round)->required();
  create->add_option("--target-group", options->target_group, "e.g. ict_management")
      ->required();
  create->add_option("--org", options->organisations,
                     "Organisation code; repeatable")
      ->required();
  create->add_option("--lang", options->language,
                     "fi, sv or en; default: the organisation's language");
  create->callback([&context, options] {
    context.exit_code = CreateInvitations(context, *options);
  });

  CLI::App* send = invite->add_subcommand(
      "send", "Invite the contacts of a target group to the round's questionnaire "
              "for it, by mail (queued in the outbox)");
  send->add_option("ROUND", options->round)->required();
  send->add_option("--target-group", options->target_group, "e.g. ict_management")
      ->required();
  send->add_option("--org", options->organisations,
                   "Only this organisation's contacts; repeatable");
  send->callback([&context, options] {
    context.exit_code = SendInvitations(context, *options);
  });

  CLI::App* remind = invite->add_subcommand(
      "remind", "Remind those invited by mail who have not submitted (never the "
                "declined, revoked or bounced)");
  remind->add_option("ROUND", options->round)->required();
  remind->add_flag("--unopened", options->unopened, "Only those who have not opened the link");
  remind->add_flag("--preview", options->preview, "List who would be reminded; queue nothing");
  remind->callback([&context, options] { context.exit_code = Remind(context, *options); });

  CLI::App* schedule = invite->add_subcommand(
      "schedule", "Plan reminders for a day (--on), or list those planned; on that day "
                  "they go to those who have not submitted by then");
  schedule->add_option("ROUND", options->round)->required();
  schedule->add_option("--on", options->on, "The day, YYYY-MM-DD (today or later)");
  schedule->add_flag("--unopened", options->unopened,
                     "Only those who have not opened the link");
  schedule->callback([&context, options] { context.exit_code = Schedule(context, *options); });

  CLI::App* mail = app.add_subcommand("mail", "The outbox");
  mail->require_subcommand(1);
  mail->add_subcommand("send", "Send the messages due now over SMTP ([mail] settings)")
      ->callback([&context] { context.exit_code = SendMail(context); });
}

}  // namespace kartla::cli
