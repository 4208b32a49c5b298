// `kartla contacts import|list|erase`: the people who are asked.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/command_context.h"
#include "cli/commands.h"
#include "cli/text_table.h"
#include "core/csv.h"

namespace kartla::cli {
namespace {

struct ContactOptions {
  int64_t id = 0;
  std::string file;
  std::string organisation;
  bool csv = false;
};

int Import(CommandContext& context, const ContactOptions& options) {
  auto contents = CommandContext::ReadInputFile(options.file);
  if (!contents.ok()) return context.Fail(contents.status());
  auto app = context.OpenApp(false);
  if (!app.ok()) return context.Fail(app.status());
  auto added = (*app)->contacts().Import(*contents, options.file);
  if (!added.ok()) return context.Fail(added.status());
  std::string summary = fmt::format("{} contacts", added->size());
  (*app)->accounts().Audit(context.Actor(), "contacts.import", options.file, summary);
  context.out << fmt::format("Imported {} from {}.\n", summary, options.file);
  return kExitSuccess;
}

int List(CommandContext& context, const ContactOptions& options) {
  auto app = context.OpenApp(false);
  if (!app.ok()) return context.Fail(app.status());
  std::optional<std::string> organisation;
  if (!options.organisation.empty()) organisation = options.organisation;
  auto contacts = (*app)->contacts().List(organisation);
  std::vector<std::string> header = {"id",    "organisation", "name",
                                     "email", "role",         "language"};
  auto cells = [](const fieldwork::Contact& contact) {
    return std::vector<std::string>{std::to_string(contact.id),
                                    contact.organisation_code,
                                    contact.name,
                                    contact.email,
                                    contact.role,
                                    std::string(LangCode(contact.language))};
  };
  if (options.csv) {
    context.out << FormatCsvRecord(header);
    for (const auto& contact : contacts) context.out << FormatCsvRecord(cells(contact));
    return kExitSuccess;
  }
  std::vector<TextTable::Column> columns;
  for (const std::string& title : header) columns.push_back({title});
  columns[0].align = Align::kRight;
  TextTable table(columns);
  for (const auto& contact : contacts) table.AddRow(cells(contact));
  table.Print(context.out);
  return kExitSuccess;
}

// Erases one person on request (Retention::ErasePerson).
int Erase(CommandContext& context, const ContactOptions& options) {
  auto app = context.OpenApp(false);
  if (!app.ok()) return context.Fail(app.status());
  auto contact = (*app)->contacts().Find(options.id);
  if (!contact) return context.Fail(Status::NotFound(fmt::format("there is no contact {}", options.id)));
  auto erased = (*app)->retention().ErasePerson(options.id);
  if (!erased.ok()) return context.Fail(erased.status());
  (*app)->accounts().Audit(context.Actor(), "contact.erase", fmt::format("contact {}", options.id),
                           fmt::format("{}: {} links revoked, {} messages stopped",
                                       contact->organisation_code, erased->links,
                                       erased->messages));
  context.out << fmt::format(
      "Erased contact {} of {}: {} links revoked, {} unsent messages withdrawn; the "
      "organisation's responses stay.\n",
      options.id, contact->organisation_code, erased->links, erased->messages);
  return kExitSuccess;
}

}  // namespace

void AddContactCommands(CLI::App& app, CommandContext& context) {
  auto options = std::make_shared<ContactOptions>();
  CLI::App* contacts =
      app.add_subcommand("contacts", "The people in each organisation who are asked");
  contacts->require_subcommand(1);

  CLI::App* import = contacts->add_subcommand(
      "import",
      "Import contacts from CSV (organisation, name, email, role, language); "
      "all or nothing");
  import->add_option("file", options->file, "CSV file")->required();
  import->callback([&context, options] { context.exit_code = Import(context, *options); });

  CLI::App* list = contacts->add_subcommand("list", "List contacts");
  list->add_option("--org", options->organisation, "Only this organisation");
  list->add_flag("--csv", options->csv, "As CSV");
  list->callback([&context, options] { context.exit_code = List(context, *options); });

  CLI::App* erase = contacts->add_subcommand(
      "erase",
      "Erase one person on request: their name and email address, and their links in every "
      "round (their organisation's responses stay)");
  erase->add_option("ID", options->id, "The contact's id (contacts list)")->required();
  erase->callback([&context, options] { context.exit_code = Erase(context, *options); });
}

}  // namespace kartla::cli
