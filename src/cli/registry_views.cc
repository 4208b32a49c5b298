#include "cli/registry_views.h"

#include <fmt/format.h>

#include "cli/text_table.h"

namespace kartla::cli {
namespace {

std::string CategoryLabel(const Dimension& dimension, const Organisation& org,
                          Lang lang) {
  auto code = dimension.Classify(org);
  if (!code) return "";
  return dimension.FindCategory(*code)->label.Get(lang);
}

}  // namespace

void PrintDimensionCounts(std::ostream& out, const Registry& registry,
                          const Dimension& dimension, Lang lang,
                          std::optional<OrganisationKind> kind) {
  std::vector<CategoryCount> counts = registry.Count(dimension, kind);
  int total = 0;
  int used = 0;
  for (const CategoryCount& count : counts) {
    total += count.count;
    if (count.category != nullptr && count.count > 0) ++used;
  }
  out << dimension.label.Get(lang) << " (" << dimension.id << ")\n";
  TextTable table({{"Code"}, {"Category"}, {"Organisations", Align::kRight},
                   {"%", Align::kRight}});
  for (const CategoryCount& count : counts) {
    std::string share =
        total == 0 ? "" : fmt::format("{:.1f}", 100.0 * count.count / total);
    if (count.category != nullptr) {
      table.AddRow({count.category->code, count.category->label.Get(lang),
                    FormatInteger(count.count, lang), share});
    } else {
      table.AddRow({"", NoCategoryLabel().Get(lang),
                    FormatInteger(count.count, lang), share});
    }
  }
  table.AddRule();
  table.AddRow({"", "Total", FormatInteger(total, lang), "100.0"});
  table.Print(out);
  out << fmt::format("{} organisations in {} categories of {}\n",
                     FormatInteger(total, lang), used, dimension.id);
}

void PrintOrganisations(std::ostream& out, const Registry& registry, Lang lang,
                        std::optional<OrganisationKind> kind) {
  std::vector<TextTable::Column> columns = {{"Code"}, {"Name"}, {"Kind"}};
  std::vector<const Dimension*> shown;
  for (const Dimension& dimension : registry.dimensions()) {
    if (dimension.rule == DimensionRule::kKind) continue;
    shown.push_back(&dimension);
    columns.push_back({dimension.id});
  }
  TextTable table(std::move(columns));
  int n = 0;
  for (const Organisation& org : registry.organisations()) {
    if (kind && org.kind != *kind) continue;
    std::vector<std::string> row = {org.code, org.name.Get(lang),
                                    KindLabel(org.kind).Get(lang)};
    for (const Dimension* dimension : shown) {
      row.push_back(CategoryLabel(*dimension, org, lang));
    }
    table.AddRow(std::move(row));
    ++n;
  }
  table.Print(out);
  out << fmt::format("{} organisations (registry version {}, in force from "
                     "{})\n",
                     FormatInteger(n, lang), registry.info().id.value(),
                     registry.as_of().ToString());
}

void PrintOrganisation(std::ostream& out, const Registry& registry,
                       const Organisation& org, Lang lang) {
  TextTable table({{"Field"}, {"Value"}});
  table.AddRow({"code", org.code});
  table.AddRow({"kind", std::string(KindCode(org.kind))});
  table.AddRow({"name_fi", org.name.fi});
  table.AddRow({"name_sv", org.name.sv});
  table.AddRow({"name_en", org.name.en});
  table.AddRow({"active_from",
                org.active_from ? org.active_from->ToString() : "(always)"});
  table.AddRow({"active_to",
                org.active_to ? org.active_to->ToString() : "(still active)"});
  table.AddRule();
  for (const auto& [name, value] : org.attributes) {
    table.AddRow({name, fmt::format("{} ({})", AttributeText(value),
                                    AttributeTypeName(TypeOf(value)))});
  }
  table.AddRule();
  for (const Dimension& dimension : registry.dimensions()) {
    auto code = dimension.Classify(org);
    table.AddRow({dimension.id,
                  code ? fmt::format("{} ({})",
                                     dimension.FindCategory(*code)->label.Get(lang),
                                     *code)
                       : NoCategoryLabel().Get(lang)});
  }
  table.Print(out);
  out << fmt::format("Registry version {}, in force from {}\n",
                     registry.info().id.value(), registry.as_of().ToString());
}

void PrintImportOutcome(std::ostream& out, const ImportOutcome& outcome,
                        bool dry_run) {
  if (dry_run) {
    out << fmt::format(
        "Checked: no problems. Importing would make a version of {} "
        "organisations ({} added, {} replaced, {} removed), in force from "
        "{}. Nothing was saved (--dry-run).\n",
        outcome.version.organisation_count, outcome.added, outcome.replaced,
        outcome.removed, outcome.version.as_of.ToString());
    return;
  }
  out << fmt::format(
      "Saved registry version {} ({}), in force from {}: {} organisations "
      "({} added, {} replaced, {} removed).\n",
      outcome.version.id.value(), outcome.version.note,
      outcome.version.as_of.ToString(), outcome.version.organisation_count,
      outcome.added, outcome.replaced, outcome.removed);
}

}  // namespace kartla::cli
