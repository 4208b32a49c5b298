// `kartla stats representativeness`: how well the organisations that
// answered represent those invited, by every registry dimension, with
// AAPOR's outcome rates per questionnaire.
#include <CLI/CLI.hpp>
#include <boost/json.hpp>
#include <fmt/format.h>

#include <cmath>

#include "cli/command_context.h"
#include "cli/results_options.h"
#include "cli/results_views.h"
#include "cli/text_table.h"
#include "fieldwork/monitor.h"
#include "stats/indicators.h"

namespace kartla::cli {
namespace {

struct RepresentOptions {
  std::string round;
  std::string target_group;
  bool json = false;
};

std::string Rate(double rate) { return FormatShare(rate, 1); }

int RepresentCommand(CommandContext& context, const RepresentOptions& options) {
  auto app = context.OpenApp(false);
  if (!app.ok()) return context.Fail(app.status());
  std::optional<std::string> group;
  if (!options.target_group.empty()) group = options.target_group;
  auto monitor = (*app)->Monitor(options.round, group);
  if (!monitor.ok()) return context.Fail(monitor.status());
  Lang lang = (*app)->config().language;

  // AAPOR's rates per questionnaire, over invitations.
  boost::json::array outcomes_json;
  TextTable outcomes({{"Target group"}, {"Invited", Align::kRight}, {"Complete", Align::kRight},
                      {"Partial", Align::kRight}, {"RR1", Align::kRight},
                      {"RR2", Align::kRight}, {"COOP1", Align::kRight},
                      {"REF1", Align::kRight}, {"CON1", Align::kRight}});
  for (const fieldwork::GroupProgress& progress : monitor->groups) {
    const fieldwork::StatusCounts& c = progress.counts;
    stats::AaporRates rates = stats::Aapor(fieldwork::DispositionsOf(c));
    outcomes.AddRow({progress.label.Get(lang), std::to_string(c.invited),
                     std::to_string(c.submitted), std::to_string(c.partial), Rate(rates.rr1),
                     Rate(rates.rr2), Rate(rates.coop1), Rate(rates.ref1), Rate(rates.con1)});
    outcomes_json.push_back({{"target_group", progress.target_group},
                             {"invited", c.invited},
                             {"complete", c.submitted},
                             {"partial", c.partial},
                             {"rr1", JsonNumber(rates.rr1)},
                             {"rr2", JsonNumber(rates.rr2)},
                             {"coop1", JsonNumber(rates.coop1)},
                             {"ref1", JsonNumber(rates.ref1)},
                             {"con1", JsonNumber(rates.con1)}});
  }
  if (!options.json) {
    context.out << fmt::format("{} ({}){}: organisations answered of those invited\n",
                               monitor->round.title.Get(lang), monitor->round.code,
                               group ? ", " + *group : "");
    context.out << "\nAAPOR outcome rates, per invitation (eligibility known)\n";
    outcomes.Print(context.out);
  }

  boost::json::array dimensions_json;
  for (const fieldwork::DimensionRates& dimension : monitor->dimensions) {
    std::vector<stats::ClassCount> classes;
    for (const fieldwork::CategoryRate& category : dimension.categories) {
      if (category.invited > 0) {
        classes.push_back({double(category.invited), double(category.answered)});
      }
    }
    auto r = stats::Represent(classes);
    if (options.json) {
      boost::json::object object{{"dimension", dimension.id}};
      for (const char* name : {"r_indicator", "cv", "partial", "chi_square", "df", "p",
                               "chi_square_fpc", "p_fpc", "dissimilarity"}) {
        object[name] = nullptr;
      }
      if (r) {
        object["r_indicator"] = JsonNumber(r->r_indicator);
        object["cv"] = JsonNumber(r->cv);
        object["partial"] = JsonNumber(r->partial_variable);
        object["chi_square"] = JsonNumber(r->chi_square);
        object["df"] = r->df;
        object["p"] = JsonNumber(r->p_value);
        object["chi_square_fpc"] = JsonNumber(r->chi_square_fpc);
        object["p_fpc"] = JsonNumber(r->p_value_fpc);
        object["dissimilarity"] = JsonNumber(r->dissimilarity);
      }
      boost::json::array categories;
      size_t k = 0;
      for (const fieldwork::CategoryRate& category : dimension.categories) {
        if (category.invited == 0) continue;
        categories.push_back({{"code", category.code},
                              {"invited", category.invited},
                              {"answered", category.answered},
                              {"partial", r ? JsonNumber(r->partial[k]) : nullptr}});
        ++k;
      }
      object["categories"] = std::move(categories);
      dimensions_json.push_back(std::move(object));
      continue;
    }
    context.out << "\n" << dimension.label.Get(lang) << "\n";
    TextTable table({{"Category"}, {"Invited", Align::kRight}, {"Answered", Align::kRight},
                     {"Rate", Align::kRight}, {"Partial R", Align::kRight}});
    size_t k = 0;
    for (const fieldwork::CategoryRate& category : dimension.categories) {
      if (category.invited == 0) continue;
      table.AddRow({category.label.Get(lang), std::to_string(category.invited),
                    std::to_string(category.answered),
                    FormatPercentOf(category.answered, category.invited),
                    r ? fmt::format("{:+.4f}", r->partial[k]) : ""});
      ++k;
    }
    table.Print(context.out);
    if (r && r->df == 0) {
      context.out << "One category only: nothing to compare.\n";
    } else if (r) {
      context.out << fmt::format(
          "R-indicator {:.4f}, CV {:.4f}, partial R {:.4f}; X² {:.2f} (df {}, p {:.4g}), "
          "with the finite population {:.2f} (p {:.4g}); dissimilarity {:.4f}\n",
          r->r_indicator, r->cv, r->partial_variable, r->chi_square, r->df, r->p_value,
          r->chi_square_fpc, r->p_value_fpc, r->dissimilarity);
    } else {
      context.out << "No organisation has answered yet.\n";
    }
  }
  if (options.json) {
    boost::json::object all{{"round", monitor->round.code},
                            {"target_group", group ? boost::json::value(*group) : nullptr},
                            {"outcomes", std::move(outcomes_json)},
                            {"dimensions", std::move(dimensions_json)}};
    context.out << boost::json::serialize(all) << "\n";
  }
  return kExitSuccess;
}

}  // namespace

void AddStatsRepresentCommand(CLI::App& stats, CommandContext& context) {
  auto options = std::make_shared<RepresentOptions>();
  CLI::App* representativeness = stats.add_subcommand(
      "representativeness",
      "How well the organisations that answered represent those invited: response rates, "
      "R-indicator and partial indicators, X², dissimilarity, by every registry dimension");
  representativeness->add_option("ROUND", options->round)->required();
  representativeness->add_option("--target-group", options->target_group,
                                 "One questionnaire's target group");
  representativeness->add_flag("--json", options->json,
                               "As one JSON object: the outcome rates and the dimensions "
                               "(null where a number cannot be computed)");
  representativeness->callback(
      [&context, options] { context.exit_code = RepresentCommand(context, *options); });
}

}  // namespace kartla::cli
