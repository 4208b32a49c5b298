#include "storage/sql/sql_form_store.h"

#include "core/system_error.h"

namespace kartla::sql {
namespace {

using forms::FormVersionInfo;

constexpr std::string_view kColumns =
    "SELECT id, form_id, number, content_hash, title_fi, title_sv, title_en,"
    " languages, sections, question_count, source, imported_at"
    " FROM form_versions ";

FormVersionInfo ReadInfo(const Row& row) {
  FormVersionInfo info;
  info.id = row.Int(0);
  info.form_id = row.Text(1);
  info.number = int(row.Int(2));
  info.content_hash = row.Text(3);
  info.title = LocalizedText{row.Text(4), row.Text(5), row.Text(6)};
  info.languages = row.Text(7);
  info.sections = row.Text(8);
  info.question_count = int(row.Int(9));
  info.source = row.Text(10);
  info.imported_at = row.Timestamp(11);
  return info;
}

std::optional<FormVersionInfo> QueryOne(Connection& c, std::string_view rest,
                                        std::initializer_list<Value> params) {
  std::optional<FormVersionInfo> found;
  c.Query(std::string(kColumns) + std::string(rest), params,
          [&found](const Row& row) { found = ReadInfo(row); });
  return found;
}

}  // namespace

forms::FormStore::Saved SqlFormStore::SaveVersion(
    const forms::NewFormVersion& version) {
  Saved saved;
  database_.Write([&](Connection& c) {
    const FormVersionInfo& info = version.info;
    if (auto same = QueryOne(c, "WHERE form_id = ? AND content_hash = ?",
                             {info.form_id, info.content_hash})) {
      saved = Saved{*same, false};
      return;
    }
    int64_t number = 1;
    c.Query("SELECT COALESCE(MAX(number), 0) + 1 FROM form_versions "
            "WHERE form_id = ?",
            {info.form_id}, [&number](const Row& row) { number = row.Int(0); });
    saved.info = info;
    saved.info.number = int(number);
    saved.info.imported_at =
        std::chrono::floor<std::chrono::seconds>(info.imported_at);
    saved.created = true;
    c.Query(
        "INSERT INTO form_versions (form_id, number, content_hash, title_fi,"
        " title_sv, title_en, languages, sections, question_count, source,"
        " imported_at, content) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " RETURNING id",
        {info.form_id, number, info.content_hash, info.title.fi, info.title.sv,
         info.title.en, info.languages, info.sections,
         int64_t(info.question_count), info.source,
         FormatTimestamp(info.imported_at), version.content},
        [&saved](const Row& row) { saved.info.id = row.Int(0); });
  });
  return saved;
}

std::optional<FormVersionInfo> SqlFormStore::FindVersion(
    const std::string& form_id, std::optional<int> number) {
  return database_.ReadValue([&](Connection& c) {
    return number ? QueryOne(c, "WHERE form_id = ? AND number = ?",
                             {form_id, int64_t(*number)})
                  : QueryOne(c, "WHERE form_id = ? ORDER BY number DESC LIMIT 1",
                             {form_id});
  });
}

std::optional<FormVersionInfo> SqlFormStore::FindVersionById(int64_t id) {
  return database_.ReadValue(
      [&](Connection& c) { return QueryOne(c, "WHERE id = ?", {id}); });
}

std::optional<std::string> SqlFormStore::LoadContent(int64_t id) {
  return database_.ReadValue([&](Connection& c) {
    std::optional<std::string> content;
    c.Query("SELECT content FROM form_versions WHERE id = ?", {id},
            [&content](const Row& row) { content = row.Text(0); });
    return content;
  });
}

std::vector<FormVersionInfo> SqlFormStore::ListLatest() {
  return database_.ReadValue([&](Connection& c) {
    std::vector<FormVersionInfo> found;
    c.Query(std::string(kColumns) +
                "WHERE number = (SELECT MAX(number) FROM form_versions l"
                " WHERE l.form_id = form_versions.form_id) ORDER BY form_id",
            {}, [&found](const Row& row) { found.push_back(ReadInfo(row)); });
    return found;
  });
}

}  // namespace kartla::sql
