#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <boost/json.hpp>

#include "cli/command_context.h"
#include "cli/commands.h"
#include "cli/text_table.h"
#include "forms/form_file.h"
#include "forms/form_service.h"
#include "forms/workbook.h"

namespace kartla::cli {
namespace {

using forms::Form;
using forms::FormCheck;
using forms::Item;
using forms::ItemType;

struct FormOptions {
  std::vector<std::string> files;
  std::string form;
  int version = 0;  // 0: the latest
  std::string xlsx;
  bool json = false;
};

std::optional<int> VersionOption(const FormOptions& options) {
  return options.version > 0 ? std::optional<int>(options.version) : std::nullopt;
}

boost::json::object ProblemJson(const Problem& problem) {
  return {{"severity", problem.severity == Severity::kError ? "error" : "warning"},
          {"file", problem.place.file},
          {"sheet", problem.place.sheet},
          {"row", problem.place.row},
          {"column", problem.place.column},
          {"message", problem.message}};
}

int Check(CommandContext& context, const FormOptions& options) {
  // Checking needs no database, only the configured limits of an .xlsx.
  auto config = context.LoadConfiguration();
  if (!config.ok()) return context.Fail(config.status());
  const forms::WorkbookLimits limits = config->WorkbookLimits();
  std::vector<std::string> paths;
  for (const std::string& file : options.files) {
    auto found = forms::FindFormFiles(file);
    if (!found.ok()) return context.Fail(found.status());
    paths.insert(paths.end(), found->begin(), found->end());
  }
  int errors = 0, warnings = 0;
  boost::json::array results;
  for (const std::string& path : paths) {
    auto checked = forms::CheckFormFile(path, limits);
    if (!checked.ok()) return context.Fail(checked.status());
    const FormCheck& check = *checked;
    errors += check.errors();
    warnings += check.warnings();
    if (options.json) {
      boost::json::array problems;
      for (const Problem& p : check.problems) problems.push_back(ProblemJson(p));
      boost::json::object result{{"file", path},
                                 {"ok", check.errors() == 0},
                                 {"errors", check.errors()},
                                 {"warnings", check.warnings()},
                                 {"problems", std::move(problems)}};
      if (check.form) {
        result["form_id"] = check.form->settings.form_id;
        result["questions"] = check.form->QuestionCount();
        result["content_hash"] = forms::FormContentHash(*check.form);
      }
      results.push_back(std::move(result));
      continue;
    }
    // Errors first, then warnings, each in sheet order.
    for (Severity severity : {Severity::kError, Severity::kWarning}) {
      for (const Problem& p : check.problems) {
        if (p.severity != severity) continue;
        (severity == Severity::kError ? context.err : context.out)
            << p.ToString() << '\n';
      }
    }
    if (check.form) {
      context.out << fmt::format(
          "{}: ok: form {}, {} questions in {} sections, {} warning{}\n", path,
          check.form->settings.form_id, check.form->QuestionCount(),
          check.form->sections.size(), check.warnings(),
          check.warnings() == 1 ? "" : "s");
    } else {
      context.err << fmt::format("{}: {} error{}, {} warning{}\n", path,
                                 check.errors(), check.errors() == 1 ? "" : "s",
                                 check.warnings(),
                                 check.warnings() == 1 ? "" : "s");
    }
  }
  if (options.json) {
    context.out << boost::json::serialize(boost::json::object{
                       {"forms", std::move(results)},
                       {"errors", errors},
                       {"warnings", warnings}})
                << '\n';
  } else if (paths.size() > 1) {
    context.out << fmt::format("{} forms: {} errors, {} warnings\n", paths.size(),
                               errors, warnings);
  }
  return errors > 0 ? kExitInvalidInput : kExitSuccess;
}

int Import(CommandContext& context, const FormOptions& options) {
  auto app = context.OpenApp(false);
  if (!app.ok()) return context.Fail(app.status());
  auto found = forms::FindFormFiles(options.files[0]);
  if (!found.ok()) return context.Fail(found.status());
  if (found->size() != 1) {
    return context.Fail(Status::InvalidInput(fmt::format(
        "{} holds {} forms; import them one at a time", options.files[0],
        found->size())));
  }
  auto imported = (*app)->forms().Import(found->front());
  if (!imported.ok()) return context.Fail(imported.status());
  (*app)->accounts().Audit(context.Actor(), "form.import", "form " + imported->version.form_id,
                           fmt::format("version {}{} from {}", imported->version.number,
                                       imported->created ? "" : " (unchanged)",
                                       CutUtf8(found->front(), 200)));
  for (const Problem& p : imported->warnings) context.out << p.ToString() << '\n';
  const forms::FormVersionInfo& v = imported->version;
  if (imported->created) {
    context.out << fmt::format(
        "Imported form {} version {}: {} questions, sections {}, languages "
        "{}\ncontent hash {}\n",
        v.form_id, v.number, v.question_count,
        v.sections.empty() ? "-" : v.sections, v.languages, v.content_hash);
  } else {
    context.out << fmt::format(
        "Unchanged: form {} version {} has the same content (hash {})\n",
        v.form_id, v.number, v.content_hash.substr(0, 16));
  }
  return kExitSuccess;
}

std::string ItemFlags(const Item& item) {
  std::vector<std::string> flags;
  if (item.required_always) flags.push_back("required");
  else if (!item.required.empty()) flags.push_back("required if");
  if (!item.relevant.empty()) flags.push_back("if " + item.relevant.text);
  if (!item.constraint.empty()) flags.push_back("check " + item.constraint.text);
  if (!item.calculation.empty()) flags.push_back("= " + item.calculation.text);
  if (!item.appearance.empty()) flags.push_back("[" + item.appearance + "]");
  if (item.prefill != forms::Prefill::kNone) {
    flags.push_back("prefill " + std::string(forms::PrefillName(item.prefill)));
  }
  std::string out;
  for (const std::string& flag : flags) out += (out.empty() ? "" : "; ") + flag;
  return out;
}

void PrintForm(std::ostream& out, const forms::LoadedForm& loaded, Lang lang) {
  const Form& form = loaded.form;
  const forms::FormVersionInfo& v = loaded.version;
  out << fmt::format("{} (form {}, version {})\n", form.settings.title.Get(lang),
                     v.form_id, v.number);
  out << fmt::format("Imported {} from {}\nContent hash {}\n",
                     FormatTimestamp(v.imported_at), v.source, v.content_hash);
  out << fmt::format("Languages: {} (default {})\n", v.languages,
                     form.settings.default_language);
  out << fmt::format("{} questions, {} choice lists, {} sections\n\n",
                     form.QuestionCount(), form.lists.size(),
                     form.sections.size());
  for (const forms::Section& section : form.sections) {
    out << fmt::format("  Section {}: {}\n", section.number,
                       section.title.Get(lang));
  }
  out << '\n';
  TextTable table({{"Row", Align::kRight}, {"Type"}, {"Name"}, {"Label"},
                   {"Details"}});
  int depth = 0;
  for (const Item& item : form.items) {
    if (item.type == ItemType::kEndGroup) {
      --depth;
      continue;
    }
    std::string type(forms::ItemTypeName(item.type));
    if (forms::IsSelect(item.type)) type += " " + item.list_name;
    if (item.or_other) type += " or_other";
    std::string label = item.label.Get(lang);
    if (label.size() > 60) {
      size_t cut = 57;
      while (cut > 0 && (static_cast<unsigned char>(label[cut]) & 0xC0) == 0x80) --cut;
      label = label.substr(0, cut) + "...";
    }
    std::string name = std::string(size_t(depth) * 2, ' ') + item.name;
    if (!item.section.empty()) name += " (section " + item.section + ")";
    table.AddRow({std::to_string(item.row), type, name, label, ItemFlags(item)});
    if (item.type == ItemType::kBeginGroup) ++depth;
  }
  table.Print(out);
  out << "\nChoice lists:\n";
  for (const forms::ChoiceList& list : form.lists) {
    std::string names;
    for (const forms::Choice& choice : list.choices) {
      names += (names.empty() ? "" : ", ") + choice.name;
    }
    out << fmt::format("  {} ({}): {}\n", list.name, list.choices.size(), names);
  }
}

int Show(CommandContext& context, const FormOptions& options) {
  auto app = context.OpenApp(false);
  if (!app.ok()) return context.Fail(app.status());
  auto loaded = (*app)->forms().Load(options.form, VersionOption(options));
  if (!loaded.ok()) return context.Fail(loaded.status());
  PrintForm(context.out, *loaded, (*app)->config().language);
  return kExitSuccess;
}

int Export(CommandContext& context, const FormOptions& options) {
  auto app = context.OpenApp(false);
  if (!app.ok()) return context.Fail(app.status());
  auto loaded = (*app)->forms().Load(options.form, VersionOption(options));
  if (!loaded.ok()) return context.Fail(loaded.status());
  Status written = forms::WriteFormXlsx(loaded->form, options.xlsx);
  if (!written.ok()) return context.Fail(written);
  context.out << fmt::format("Wrote form {} version {} to {}\n",
                             loaded->version.form_id, loaded->version.number,
                             options.xlsx);
  return kExitSuccess;
}

int List(CommandContext& context) {
  auto app = context.OpenApp(false);
  if (!app.ok()) return context.Fail(app.status());
  Lang lang = (*app)->config().language;
  TextTable table({{"Form"}, {"Version", Align::kRight}, {"Title"},
                   {"Questions", Align::kRight}, {"Sections"}, {"Languages"},
                   {"Imported (UTC)"}});
  auto versions = (*app)->forms().List();
  for (const forms::FormVersionInfo& v : versions) {
    table.AddRow({v.form_id, std::to_string(v.number), v.title.Get(lang),
                  std::to_string(v.question_count), v.sections, v.languages,
                  FormatTimestamp(v.imported_at)});
  }
  table.Print(context.out);
  context.out << versions.size() << (versions.size() == 1 ? " form\n" : " forms\n");
  return kExitSuccess;
}

}  // namespace

void AddFormCommands(CLI::App& app, CommandContext& context) {
  auto options = std::make_shared<FormOptions>();
  CLI::App* form =
      app.add_subcommand("form", "Questionnaires written as XLSForm");
  form->require_subcommand(1);

  CLI::App* check = form->add_subcommand(
      "check",
      "Check forms and print every problem as file:sheet:row:column: "
      "message, errors apart from warnings; exits 3 if there are errors");
  check->add_option("FILE", options->files,
                    "An .xlsx file, NAME.survey.csv, or a folder of forms")
      ->required();
  check->add_flag("--json", options->json, "Print the result as JSON");
  check->callback([&context, options] {
    context.exit_code = Check(context, *options);
  });

  CLI::App* import = form->add_subcommand(
      "import",
      "Store a form as an immutable version; the same content again is a "
      "no-op, a changed form becomes a new version");
  import->add_option("FILE", options->files,
                     "An .xlsx file or NAME.survey.csv")
      ->required()
      ->expected(1);
  import->callback([&context, options] {
    context.exit_code = Import(context, *options);
  });

  CLI::App* show = form->add_subcommand(
      "show", "Print a form's structure: sections, questions, types, lists");
  show->add_option("FORM", options->form, "The form_id")->required();
  show->add_option("--version", options->version, "Default: the latest");
  show->callback([&context, options] {
    context.exit_code = Show(context, *options);
  });

  CLI::App* exporter = form->add_subcommand(
      "export", "Write a stored form back as an XLSForm workbook");
  exporter->add_option("FORM", options->form, "The form_id")->required();
  exporter->add_option("--version", options->version, "Default: the latest");
  exporter->add_option("--xlsx", options->xlsx, "The .xlsx file to write")
      ->required();
  exporter->callback([&context, options] {
    context.exit_code = Export(context, *options);
  });

  CLI::App* list = form->add_subcommand("list", "List the stored forms");
  list->callback([&context] { context.exit_code = List(context); });
}

}  // namespace kartla::cli
