// `kartla monitor ROUND`: how the fieldwork of a round is going.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/command_context.h"
#include "cli/commands.h"
#include "cli/text_table.h"

namespace kartla::cli {
namespace {

using fieldwork::RoundMonitor;
using fieldwork::StatusCounts;

struct MonitorOptions {
  std::string round;
  std::string target_group;
  bool json = false;
  bool unanswered = false;
  bool csv = false;
};

std::vector<std::string> CountCells(const StatusCounts& counts) {
  return {std::to_string(counts.invited),  std::to_string(counts.opened),
          std::to_string(counts.partial),  std::to_string(counts.submitted),
          std::to_string(counts.declined), std::to_string(counts.bounced),
          FormatPercentOf(counts.submitted, counts.invited)};
}

void PrintMonitor(std::ostream& out, const RoundMonitor& monitor, Lang lang) {
  out << fmt::format("{} ({}){}\n", monitor.round.title.Get(lang), monitor.round.code,
                     monitor.target_group ? ", " + *monitor.target_group : "");
  out << "Coverage: " << fieldwork::CoverageSentence(monitor.coverage, lang) << "\n\n";
  TextTable groups({{"Target group"},
                    {"Invited", Align::kRight},
                    {"Opened", Align::kRight},
                    {"Partial", Align::kRight},
                    {"Submitted", Align::kRight},
                    {"Declined", Align::kRight},
                    {"Bounced", Align::kRight},
                    {"Rate", Align::kRight}});
  for (const fieldwork::GroupProgress& group : monitor.groups) {
    std::vector<std::string> cells{group.label.Get(lang)};
    for (std::string& cell : CountCells(group.counts)) cells.push_back(std::move(cell));
    groups.AddRow(std::move(cells));
  }
  groups.AddRule();
  std::vector<std::string> total{"All"};
  for (std::string& cell : CountCells(monitor.total)) total.push_back(std::move(cell));
  groups.AddRow(std::move(total));
  groups.Print(out);
  for (const fieldwork::DimensionRates& dimension : monitor.dimensions) {
    out << "\nOrganisations answered by " << dimension.label.Get(lang) << ":\n";
    TextTable table({{"Category"},
                     {"Invited", Align::kRight},
                     {"Answered", Align::kRight},
                     {"Rate", Align::kRight}});
    for (const fieldwork::CategoryRate& category : dimension.categories) {
      if (category.invited == 0) continue;
      table.AddRow({category.label.Get(lang), std::to_string(category.invited),
                    std::to_string(category.answered),
                    FormatPercentOf(category.answered, category.invited)});
    }
    table.Print(out);
  }
  if (!monitor.mail.empty()) {
    out << "\nMail sent:\n";
    TextTable mail({{"Date"}, {"Kind"}, {"Sent", Align::kRight}});
    for (const fieldwork::MailDay& day : monitor.mail) {
      mail.AddRow({day.date.ToString(), std::string(fieldwork::MailKindCode(day.kind)),
                   std::to_string(day.sent)});
    }
    mail.Print(out);
  }
  if (!monitor.days.empty()) {
    out << "\nSubmitted by day:\n";
    TextTable days({{"Date"}, {"Submitted", Align::kRight}, {"In all", Align::kRight}});
    for (const fieldwork::DayCount& day : monitor.days) {
      days.AddRow({day.date.ToString(), std::to_string(day.submitted),
                   std::to_string(day.cumulative)});
    }
    days.Print(out);
  }
  out << fmt::format("\n{} organisation{} not yet answered (--unanswered lists them).\n",
                     monitor.unanswered.size(), monitor.unanswered.size() == 1 ? " has" : "s have");
}

int Monitor(CommandContext& context, const MonitorOptions& options) {
  auto app = context.OpenApp(false);
  if (!app.ok()) return context.Fail(app.status());
  std::optional<std::string> group;
  if (!options.target_group.empty()) group = options.target_group;
  auto monitor = (*app)->Monitor(options.round, group);
  if (!monitor.ok()) return context.Fail(monitor.status());
  Lang lang = (*app)->config().language;
  if (options.json) {
    context.out << fieldwork::MonitorJson(*monitor, lang) << '\n';
  } else if (options.unanswered && options.csv) {
    context.out << fieldwork::UnansweredCsv(*monitor, {"region", "size_class", "language"},
                                            lang);
  } else if (options.unanswered) {
    TextTable table({{"Code"}, {"Organisation"}, {"Status by target group"}});
    for (const fieldwork::Unanswered& org : monitor->unanswered) {
      std::string groups;
      for (const auto& [code, status] : org.groups) {
        groups += fmt::format("{}{}: {}", groups.empty() ? "" : ", ", code,
                              fieldwork::StatusCode(status));
      }
      table.AddRow({org.code, org.name.Get(lang), groups});
    }
    table.Print(context.out);
  } else {
    PrintMonitor(context.out, *monitor, lang);
  }
  return kExitSuccess;
}

}  // namespace

void AddMonitorCommand(CLI::App& app, CommandContext& context) {
  auto options = std::make_shared<MonitorOptions>();
  CLI::App* monitor = app.add_subcommand(
      "monitor", "How a round's fieldwork is going: invited, opened, submitted; response "
                 "rates by target group and registry dimension; coverage");
  monitor->add_option("ROUND", options->round, "The round's code")->required();
  monitor->add_option("--target-group", options->target_group,
                      "Only this target group's questionnaire");
  monitor->add_flag("--json", options->json, "The figures as JSON (as the web API gives)");
  monitor->add_flag("--unanswered", options->unanswered,
                    "List the organisations that have not answered");
  monitor->add_flag("--csv", options->csv, "With --unanswered: as CSV");
  monitor->callback([&context, options] { context.exit_code = Monitor(context, *options); });
}

}  // namespace kartla::cli
