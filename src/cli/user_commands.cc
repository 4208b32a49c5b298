// `kartla user add|passwd|list` and `kartla audit`: staff accounts and what
// staff did.
#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <termios.h>
#include <unistd.h>

#include <iostream>

#include "cli/command_context.h"
#include "cli/commands.h"
#include "cli/text_table.h"
#include "core/csv.h"

namespace kartla::cli {
namespace {

struct UserOptions {
  std::string name;
  std::string role = "analyst";
  bool admin = false;
  std::string organisation;
  std::string language = "fi";
  size_t limit = 100;
  bool csv = false;
};

// One line from standard input; without echo, asked for twice, when it is
// a terminal. nullopt if the two entries differ or input ended.
std::optional<std::string> ReadPassword(CommandContext& context) {
  auto read_line = [](std::string& line) {
    return static_cast<bool>(std::getline(std::cin, line));
  };
  if (!isatty(STDIN_FILENO)) {
    std::string line;
    if (!read_line(line)) return std::nullopt;
    return line;
  }
  termios saved{};
  tcgetattr(STDIN_FILENO, &saved);
  termios quiet = saved;
  quiet.c_lflag &= ~tcflag_t(ECHO);
  tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  std::string first, second;
  context.err << "Password: " << std::flush;
  bool ok = read_line(first);
  context.err << "\nThe same again: " << std::flush;
  ok = ok && read_line(second);
  context.err << "\n";
  tcsetattr(STDIN_FILENO, TCSANOW, &saved);
  if (!ok || first != second) {
    context.err << "The two passwords differ.\n";
    return std::nullopt;
  }
  return first;
}

int Add(CommandContext& context, const UserOptions& options) {
  accounts::NewUser request;
  request.name = options.name;
  auto role = options.admin ? accounts::Role::kAdministrator
                            : accounts::ParseRole(options.role);
  if (!role) {
    context.err << fmt::format(
        "kartla: --role {} is not one of administrator, analyst, coordinator\n",
        options.role);
    return kExitUsage;
  }
  request.role = *role;
  request.organisation_code = options.organisation;
  request.language = ParseLang(options.language).value_or(Lang::kFi);
  auto app = context.OpenApp(false);
  if (!app.ok()) return context.Fail(app.status());
  auto password = ReadPassword(context);
  if (!password) return kExitInvalidInput;
  request.password = *password;
  auto user = (*app)->accounts().AddUser(request, context.Actor());
  if (!user.ok()) return context.Fail(user.status());
  context.out << fmt::format("Added {} {}{}.\n", accounts::RoleCode(user->role),
                             user->name,
                             user->organisation_code.empty()
                                 ? ""
                                 : " of organisation " + user->organisation_code);
  return kExitSuccess;
}

int ChangePassword(CommandContext& context, const UserOptions& options) {
  auto app = context.OpenApp(false);
  if (!app.ok()) return context.Fail(app.status());
  auto password = ReadPassword(context);
  if (!password) return kExitInvalidInput;
  Status changed =
      (*app)->accounts().ChangePassword(options.name, *password, context.Actor());
  if (!changed.ok()) return context.Fail(changed);
  context.out << fmt::format("Changed the password of {}; their sessions ended.\n",
                             options.name);
  return kExitSuccess;
}

int List(CommandContext& context) {
  auto app = context.OpenApp(false);
  if (!app.ok()) return context.Fail(app.status());
  TextTable table({{"User"}, {"Role"}, {"Organisation"}, {"Language"}, {"Added"}, {"State"}});
  for (const accounts::User& user : (*app)->accounts().List()) {
    table.AddRow({user.name, std::string(accounts::RoleCode(user.role)),
                  user.organisation_code, std::string(LangCode(user.language)),
                  FormatTimestamp(user.created_at), user.disabled ? "disabled" : "active"});
  }
  table.Print(context.out);
  return kExitSuccess;
}

int SetDisabled(CommandContext& context, const UserOptions& options, bool disabled) {
  auto app = context.OpenApp(false);
  if (!app.ok()) return context.Fail(app.status());
  Status set = (*app)->accounts().SetDisabled(options.name, disabled, context.Actor());
  if (!set.ok()) return context.Fail(set);
  if (disabled) {
    context.out << fmt::format(
        "Disabled {}: their sessions have ended and they cannot sign in\n", options.name);
  } else {
    context.out << fmt::format("Enabled {} again\n", options.name);
  }
  return kExitSuccess;
}

int Audit(CommandContext& context, const UserOptions& options) {
  auto app = context.OpenApp(false);
  if (!app.ok()) return context.Fail(app.status());
  auto entries = (*app)->accounts().ListAudit(options.limit);
  if (options.csv) {
    context.out << FormatCsvRecord({"at", "user", "action", "object", "detail"});
    for (const accounts::AuditEntry& entry : entries) {
      context.out << FormatCsvRecord({FormatTimestamp(entry.at), entry.user_name,
                                      entry.action, entry.object, entry.detail});
    }
    return kExitSuccess;
  }
  TextTable table({{"At"}, {"User"}, {"Action"}, {"Object"}, {"Detail"}});
  for (const accounts::AuditEntry& entry : entries) {
    table.AddRow({FormatTimestamp(entry.at), entry.user_name, entry.action,
                  entry.object, entry.detail});
  }
  table.Print(context.out);
  return kExitSuccess;
}

}  // namespace

void AddUserCommands(CLI::App& app, CommandContext& context) {
  auto options = std::make_shared<UserOptions>();
  CLI::App* user = app.add_subcommand("user", "Staff accounts");
  user->require_subcommand(1);

  CLI::App* add = user->add_subcommand(
      "add",
      "Add a user; the password is read from standard input (asked twice, "
      "unseen, on a terminal)");
  add->add_option("name", options->name, "Sign-in name (a-z 0-9 . _ @ -)")
      ->required();
  add->add_option("--role", options->role,
                  "administrator, analyst (default) or coordinator");
  add->add_flag("--admin", options->admin, "Same as --role administrator");
  add->add_option("--org", options->organisation,
                  "A coordinator's organisation code");
  add->add_option("--user-lang", options->language,
                  "The user's language: fi (default), sv or en");
  add->callback([&context, options] { context.exit_code = Add(context, *options); });

  CLI::App* passwd = user->add_subcommand(
      "passwd", "Set a user's password (read as for add); ends their sessions");
  passwd->add_option("name", options->name, "Sign-in name")->required();
  passwd->callback(
      [&context, options] { context.exit_code = ChangePassword(context, *options); });

  CLI::App* disable = user->add_subcommand(
      "disable", "Disable a user: their sessions end and they can no longer sign in");
  disable->add_option("name", options->name, "Sign-in name")->required();
  disable->callback(
      [&context, options] { context.exit_code = SetDisabled(context, *options, true); });
  CLI::App* enable = user->add_subcommand("enable", "Enable a disabled user again");
  enable->add_option("name", options->name, "Sign-in name")->required();
  enable->callback(
      [&context, options] { context.exit_code = SetDisabled(context, *options, false); });

  user->add_subcommand("list", "List the users")->callback([&context] {
    context.exit_code = List(context);
  });

  CLI::App* audit = app.add_subcommand("audit", "The audit log of staff actions, newest first");
  audit->add_option("--limit", options->limit, "How many entries (default 100)");
  audit->add_flag("--csv", options->csv, "As CSV");
  audit->callback([&context, options] { context.exit_code = Audit(context, *options); });
}

}  // namespace kartla::cli
