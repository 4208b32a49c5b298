#include <CLI/CLI.hpp>
#include <fmt/format.h>

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
  TextTable table({{"Organisation"}, {"Language"}, {"Link"}});
  for (const std::string& code : options.organisations) {
    fieldwork::NewInvitation request{options.round, options.target_group, code, lang};
    auto issued = (*app)->invitations().Create(request);
    if (!issued.ok()) return context.Fail(issued.status());
    table.AddRow({code, std::string(LangCode(issued->invitation.language)),
                  fmt::format("{}/r/{}", base, issued->token)});
  }
  table.Print(context.out);
  context.out << "Each link is shown once; only its hash is stored.\n";
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
}

}  // namespace kartla::cli
