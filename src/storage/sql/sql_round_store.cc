#include "storage/sql/sql_round_store.h"

#include "core/system_error.h"
#include "core/text.h"

namespace kartla::sql {
namespace {

using rounds::Questionnaire;
using rounds::Round;
using rounds::Series;
using rounds::Stage;

constexpr std::string_view kSeriesColumns =
    "SELECT id, code, title_fi, title_sv, title_en FROM series ";
constexpr std::string_view kRoundColumns =
    "SELECT id, series_id, code, year, title_fi, title_sv, title_en,"
    " registry_version_id, created_at, late_answers, privacy_fi, privacy_sv, privacy_en,"
    " contact_fi, contact_sv, contact_en, erase_on, erased_at FROM rounds ";

Series ReadSeries(const Row& row) {
  return Series{row.Int(0), row.Text(1),
                LocalizedText{row.Text(2), row.Text(3), row.Text(4)}};
}

Round ReadRound(const Row& row) {
  Round round;
  round.id = row.Int(0);
  round.series_id = row.Int(1);
  round.code = row.Text(2);
  round.year = int(row.Int(3));
  round.title = LocalizedText{row.Text(4), row.Text(5), row.Text(6)};
  round.registry_version_id = row.Int(7);
  round.created_at = row.Timestamp(8);
  round.late_answers = row.Int(9) != 0;
  round.privacy = LocalizedText{row.Text(10), row.Text(11), row.Text(12)};
  round.contact = LocalizedText{row.Text(13), row.Text(14), row.Text(15)};
  if (!row.IsNull(16)) round.erase_on = Date::Parse(row.Text(16));
  if (!row.IsNull(17)) round.erased_at = row.Timestamp(17);
  return round;
}

std::string JoinSections(const std::vector<std::string>& sections) {
  std::string out;
  for (const std::string& section : sections) {
    if (!out.empty()) out += ' ';
    out += section;
  }
  return out;
}

}  // namespace

std::optional<Series> SqlRoundStore::FindSeries(const std::string& code) {
  return database_.ReadValue([&](Connection& c) {
    std::optional<Series> found;
    c.Query(std::string(kSeriesColumns) + "WHERE code = ?", {code},
            [&found](const Row& row) { found = ReadSeries(row); });
    return found;
  });
}

std::optional<Series> SqlRoundStore::FindSeriesById(int64_t id) {
  return database_.ReadValue([&](Connection& c) {
    std::optional<Series> found;
    c.Query(std::string(kSeriesColumns) + "WHERE id = ?", {id},
            [&found](const Row& row) { found = ReadSeries(row); });
    return found;
  });
}

void SqlRoundStore::CreateSeries(Series& series) {
  database_.Write([&](Connection& c) {
    c.Query("INSERT INTO series (code, title_fi, title_sv, title_en)"
            " VALUES (?, ?, ?, ?) RETURNING id",
            {series.code, series.title.fi, series.title.sv, series.title.en},
            [&series](const Row& row) { series.id = row.Int(0); });
  });
}

std::optional<Round> SqlRoundStore::FindRound(const std::string& code) {
  return database_.ReadValue([&](Connection& c) {
    std::optional<Round> found;
    c.Query(std::string(kRoundColumns) + "WHERE code = ?", {code},
            [&found](const Row& row) { found = ReadRound(row); });
    return found;
  });
}

std::optional<Round> SqlRoundStore::FindRoundById(int64_t id) {
  return database_.ReadValue([&](Connection& c) {
    std::optional<Round> found;
    c.Query(std::string(kRoundColumns) + "WHERE id = ?", {id},
            [&found](const Row& row) { found = ReadRound(row); });
    return found;
  });
}

std::vector<Round> SqlRoundStore::ListRounds() {
  return database_.ReadValue([&](Connection& c) {
    std::vector<Round> found;
    c.Query(std::string(kRoundColumns) + "ORDER BY year, code", {},
            [&found](const Row& row) { found.push_back(ReadRound(row)); });
    return found;
  });
}

void SqlRoundStore::CreateRound(Round& round) {
  database_.Write([&](Connection& c) {
    c.Query("INSERT INTO rounds (series_id, code, year, title_fi, title_sv,"
            " title_en, registry_version_id, created_at, late_answers)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            {round.series_id, round.code, int64_t(round.year), round.title.fi,
             round.title.sv, round.title.en, round.registry_version_id,
             FormatTimestamp(round.created_at), int64_t(round.late_answers ? 1 : 0)},
            [&round](const Row& row) { round.id = row.Int(0); });
  });
}

void SqlRoundStore::SetLateAnswers(int64_t round_id, bool late_answers) {
  database_.Write([&](Connection& c) {
    c.Execute("UPDATE rounds SET late_answers = ? WHERE id = ?",
              {int64_t(late_answers ? 1 : 0), round_id});
  });
}

void SqlRoundStore::SetRetention(int64_t round_id, std::optional<Date> erase_on) {
  database_.Write([&](Connection& c) {
    c.Execute("UPDATE rounds SET erase_on = ?, erased_at = NULL WHERE id = ?",
              {erase_on ? Value(erase_on->ToString()) : Value(), round_id});
  });
}

std::optional<std::string> SqlRoundStore::ResultsSettings(int64_t round_id) {
  return database_.ReadValue([&](Connection& c) {
    std::optional<std::string> toml;
    c.Query("SELECT results_settings FROM rounds WHERE id = ?", {round_id},
            [&](const Row& row) {
              if (!row.IsNull(0)) toml = row.Text(0);
            });
    return toml;
  });
}

void SqlRoundStore::SetResultsSettings(int64_t round_id, const std::optional<std::string>& toml) {
  database_.Write([&](Connection& c) {
    c.Execute("UPDATE rounds SET results_settings = ? WHERE id = ?",
              {toml ? Value(*toml) : Value(), round_id});
  });
}

void SqlRoundStore::MarkErased(int64_t round_id, TimePoint at) {
  database_.Write([&](Connection& c) {
    c.Execute("UPDATE rounds SET erased_at = ? WHERE id = ?", {FormatTimestamp(at), round_id});
  });
}

void SqlRoundStore::SetNotices(int64_t round_id, const LocalizedText& privacy,
                               const LocalizedText& contact) {
  database_.Write([&](Connection& c) {
    c.Execute("UPDATE rounds SET privacy_fi = ?, privacy_sv = ?, privacy_en = ?,"
              " contact_fi = ?, contact_sv = ?, contact_en = ? WHERE id = ?",
              {privacy.fi, privacy.sv, privacy.en, contact.fi, contact.sv, contact.en,
               round_id});
  });
}

std::vector<Questionnaire> SqlRoundStore::ListQuestionnaires(int64_t round_id) {
  return database_.ReadValue([&](Connection& c) {
    std::vector<Questionnaire> found;
    c.Query("SELECT id, round_id, target_group, label_fi, label_sv, label_en,"
            " form_version_id, responses_per FROM questionnaires WHERE round_id = ?"
            " ORDER BY id",
            {round_id}, [&found](const Row& row) {
              Questionnaire q;
              q.id = row.Int(0);
              q.round_id = row.Int(1);
              q.target_group.code = row.Text(2);
              q.target_group.label =
                  LocalizedText{row.Text(3), row.Text(4), row.Text(5)};
              q.form_version_id = row.Int(6);
              q.policy = rounds::ParsePolicy(row.Text(7))
                             .value_or(rounds::ResponsePolicy::kOnePerOrganisation);
              found.push_back(std::move(q));
            });
    return found;
  });
}

void SqlRoundStore::AddQuestionnaire(Questionnaire& q) {
  database_.Write([&](Connection& c) {
    c.Query("INSERT INTO questionnaires (round_id, target_group, label_fi,"
            " label_sv, label_en, form_version_id, responses_per)"
            " VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
            {q.round_id, q.target_group.code, q.target_group.label.fi,
             q.target_group.label.sv, q.target_group.label.en,
             q.form_version_id, std::string(rounds::PolicyCode(q.policy))},
            [&q](const Row& row) { q.id = row.Int(0); });
  });
}

std::vector<Stage> SqlRoundStore::ListStages(int64_t round_id) {
  return database_.ReadValue([&](Connection& c) {
    std::vector<Stage> found;
    c.Query("SELECT number, name, sections, opens, closes, publishes, name_sv, name_en"
            " FROM stages WHERE round_id = ? ORDER BY number",
            {round_id}, [&found](const Row& row) {
              Stage stage;
              stage.number = int(row.Int(0));
              stage.name = {row.Text(1), row.Text(6), row.Text(7)};
              stage.sections = SplitWords(row.Text(2));
              stage.opens = row.DateAt(3);
              stage.closes = row.DateAt(4);
              stage.publishes = row.DateAt(5);
              found.push_back(std::move(stage));
            });
    return found;
  });
}

void SqlRoundStore::ReplaceStages(int64_t round_id,
                                  const std::vector<Stage>& stages) {
  database_.Write([&](Connection& c) {
    c.Execute("DELETE FROM stages WHERE round_id = ?", {round_id});
    for (const Stage& stage : stages) {
      c.Execute("INSERT INTO stages (round_id, number, name, name_sv, name_en, sections,"
                " opens, closes, publishes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                {round_id, int64_t(stage.number), stage.name.Exact(Lang::kFi),
                 stage.name.Exact(Lang::kSv), stage.name.Exact(Lang::kEn),
                 JoinSections(stage.sections), stage.opens.ToString(),
                 stage.closes.ToString(), stage.publishes.ToString()});
    }
  });
}

}  // namespace kartla::sql
