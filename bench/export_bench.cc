// The microdata export at scale (bench/export runs it): a questionnaire of
// 50 questions answered N times, exported as CSV, XLSX, SPSS .sav and Stata
// .dta by the code `kartla microdata` runs (app/publishing), one format per
// process so that each one's peak memory is its own.
//
//   export_bench seed DIR N        a database in DIR with N submitted responses
//   export_bench export DIR FORMAT  writes DIR/out/…FORMAT; prints
//                                   "FORMAT seconds bytes peak_kib rows"
#include <sqlite3.h>
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <random>
#include <string>

#include <boost/json.hpp>
#include <fmt/format.h>

#include "app/app.h"
#include "app/publishing.h"
#include "forms/workbook.h"

namespace kartla {
namespace {

constexpr int kChoiceQuestions = 30, kMultipleQuestions = 5, kNumberQuestions = 10,
              kTextQuestions = 5;  // 50 in all

Config ConfigFor(const std::string& dir) {
  Config config;
  config.database = dir + "/kartla.db";
  return config;
}

// The form: 30 single choices of five, 5 multiple choices of six, 10
// numbers and 5 texts, each with a label in three languages.
forms::CsvFormFiles BenchForm() {
  std::string survey = "type,name,label::fi,label::sv,label::en\n";
  for (int i = 1; i <= kChoiceQuestions; ++i) {
    survey += fmt::format("select_one five,c{0},Kysymys {0},Fråga {0},Question {0}\n", i);
  }
  for (int i = 1; i <= kMultipleQuestions; ++i) {
    survey += fmt::format("select_multiple six,m{0},Monivalinta {0},Flerval {0},Several {0}\n", i);
  }
  for (int i = 1; i <= kNumberQuestions; ++i) {
    survey += fmt::format("decimal,n{0},Luku {0},Tal {0},Number {0}\n", i);
  }
  for (int i = 1; i <= kTextQuestions; ++i) {
    survey += fmt::format("text,t{0},Teksti {0},Text {0},Text {0}\n", i);
  }
  std::string choices = "list_name,name,label::fi,label::sv,label::en\n";
  for (int j = 1; j <= 5; ++j) choices += fmt::format("five,{0},Vaihtoehto {0},Val {0},Choice {0}\n", j);
  for (int j = 1; j <= 6; ++j) choices += fmt::format("six,s{0},Valinta {0},Alternativ {0},Option {0}\n", j);
  std::string settings = "form_title,form_id,version,default_language\nBench,bench,1,fi\n";
  return {"bench", "bench.survey.csv", survey, "bench.choices.csv", choices,
          "bench.settings.csv", settings};
}

void Check(bool ok, const std::string& what) {
  if (!ok) {
    std::cerr << "export_bench: " << what << "\n";
    std::exit(1);
  }
}

void Check(int rc, sqlite3* db, const char* what) {
  Check(rc == SQLITE_OK || rc == SQLITE_DONE || rc == SQLITE_ROW,
        fmt::format("{}: {}", what, sqlite3_errmsg(db)));
}

// A round with the form for ICT management, one response per person, and N
// submitted responses from the registry's organisations in turn. The
// responses go straight into the database in one transaction: the store
// would commit each durably, and only the export is measured here.
int Seed(const std::string& dir, size_t n) {
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  SystemClock clock;
  int64_t questionnaire = 0, form_version = 0, round_id = 0;
  std::vector<std::string> organisations;
  {
    auto app = App::Open(ConfigFor(dir), clock, true);
    Check(app.ok(), "open");
    Check((*app)->registry().LoadBuiltin("fi-2025", std::nullopt).ok(), "registry");
    auto workbook = forms::ReadCsvForm(BenchForm());
    Check(workbook.ok(), workbook.status().ToString());
    auto imported = (*app)->forms().ImportWorkbook(*workbook, "bench.survey.csv");
    Check(imported.ok(), imported.status().ToString());
    rounds::CreateRoundRequest round;
    round.series_code = "bench";
    round.code = "bench-2025";
    round.year = 2025;
    Check((*app)->rounds().CreateRound(round).ok(), "round");
    rounds::AddQuestionnaireRequest add;
    add.round_code = "bench-2025";
    add.form_id = "bench";
    add.target_group = "ict_management";
    add.policy = rounds::ResponsePolicy::kOnePerPerson;
    Check((*app)->rounds().AddQuestionnaire(add).ok(), "questionnaire");
    auto input = (*app)->FindQuestionnaire("bench-2025", "ict_management");
    Check(input.ok(), input.status().ToString());
    questionnaire = input->questionnaire.id;
    form_version = input->questionnaire.form_version_id;
    round_id = input->round.id;
    for (const auto& organisation : input->registry.organisations()) {
      organisations.push_back(organisation.code);
    }
  }
  sqlite3* db = nullptr;
  Check(sqlite3_open((dir + "/kartla.db").c_str(), &db), db, "open");
  Check(sqlite3_exec(db, "PRAGMA synchronous = OFF; BEGIN", nullptr, nullptr, nullptr), db, "begin");
  sqlite3_stmt *invitation = nullptr, *response = nullptr, *answer = nullptr;
  Check(sqlite3_prepare_v2(db,
                           "INSERT INTO invitations (id, token_hash, round_id, questionnaire_id,"
                           " organisation_code, role, language, created_at, status)"
                           " VALUES (?, ?, ?, ?, ?, 'ict_management', 'fi',"
                           " '2025-03-01T08:00:00Z', 'submitted')",
                           -1, &invitation, nullptr),
        db, "prepare");
  Check(sqlite3_prepare_v2(db,
                           "INSERT INTO responses (id, invitation_id, questionnaire_id,"
                           " form_version_id, status, page, started_at, updated_at,"
                           " submitted_at, reference) VALUES (?, ?, ?, ?, 'submitted', 0,"
                           " '2025-03-01T08:00:00Z', '2025-03-02T08:00:00Z',"
                           " '2025-03-02T08:00:00Z', 'K-BENCH')",
                           -1, &response, nullptr),
        db, "prepare");
  Check(sqlite3_prepare_v2(db, "INSERT INTO response_answers (response_id, answers) VALUES (?, ?)",
                           -1, &answer, nullptr),
        db, "prepare");
  std::mt19937 random(2025);
  // A response's answers as the store keeps them: one JSON object, its
  // names in bytes' order.
  std::map<std::string, std::string> answers;
  auto put = [&](int64_t, const std::string& name, const std::string& value) {
    answers[name] = value;
  };
  for (size_t i = 1; i <= n; ++i) {
    const int64_t id = int64_t(i);
    const std::string token = fmt::format("bench-{}", i);
    sqlite3_bind_int64(invitation, 1, id);
    sqlite3_bind_text(invitation, 2, token.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(invitation, 3, round_id);
    sqlite3_bind_int64(invitation, 4, questionnaire);
    sqlite3_bind_text(invitation, 5, organisations[i % organisations.size()].c_str(), -1,
                      SQLITE_TRANSIENT);
    Check(sqlite3_step(invitation), db, "invitation");
    sqlite3_reset(invitation);
    sqlite3_bind_int64(response, 1, id);
    sqlite3_bind_int64(response, 2, id);
    sqlite3_bind_int64(response, 3, questionnaire);
    sqlite3_bind_int64(response, 4, form_version);
    Check(sqlite3_step(response), db, "response");
    sqlite3_reset(response);
    answers.clear();
    for (int q = 1; q <= kChoiceQuestions; ++q) {
      put(id, fmt::format("c{}", q), std::to_string(random() % 5 + 1));
    }
    for (int q = 1; q <= kMultipleQuestions; ++q) {
      put(id, fmt::format("m{}", q), fmt::format("s{} s{}", random() % 3 + 1, random() % 3 + 4));
    }
    for (int q = 1; q <= kNumberQuestions; ++q) {
      put(id, fmt::format("n{}", q), fmt::format("{}.{}", random() % 100000, random() % 10));
    }
    for (int q = 1; q <= kTextQuestions; ++q) {
      put(id, fmt::format("t{}", q),
          fmt::format("Vastaaja {} kertoo asiasta {}: \"näin\", ja niin edelleen.", i, q));
    }
    boost::json::object object;
    for (const auto& [name, value] : answers) object.emplace(name, value);
    const std::string json = boost::json::serialize(object);
    sqlite3_bind_int64(answer, 1, id);
    sqlite3_bind_text(answer, 2, json.c_str(), int(json.size()), SQLITE_TRANSIENT);
    Check(sqlite3_step(answer), db, "answers");
    sqlite3_reset(answer);
    if (i % 10000 == 0) std::cerr << "\r" << i << " of " << n << " responses" << std::flush;
  }
  std::cerr << "\n";
  sqlite3_finalize(invitation);
  sqlite3_finalize(response);
  sqlite3_finalize(answer);
  Check(sqlite3_exec(db, "COMMIT; PRAGMA wal_checkpoint(TRUNCATE)", nullptr, nullptr, nullptr),
        db, "commit");
  sqlite3_close(db);
  return 0;
}

int Export(const std::string& dir, const std::string& format_name) {
  auto format = publish::ParseMicrodataFormat(format_name);
  Check(format.has_value(), "no format " + format_name);
  SystemClock clock;
  auto app = App::Open(ConfigFor(dir), clock, false);
  Check(app.ok(), "open");
  MicrodataRequest request;
  request.round = "bench-2025";
  request.target_group = "ict_management";
  request.folder = dir + "/out";
  request.formats = {*format};
  size_t rows = 0;
  request.progress = [&rows](size_t done, size_t) { rows = done; };
  const auto started = std::chrono::steady_clock::now();
  auto written = WriteMicrodata(**app, request);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  Check(written.ok(), written.ok() ? "" : written.status().ToString());
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  std::cout << fmt::format("{} {:.3f} {} {} {}\n", format_name, seconds,
                           std::filesystem::file_size(written->front()), usage.ru_maxrss, rows);
  return 0;
}

}  // namespace
}  // namespace kartla

int main(int argc, char** argv) {
  const std::string usage = "usage: export_bench seed DIR N | export DIR FORMAT\n";
  if (argc != 4) {
    std::cerr << usage;
    return 2;
  }
  const std::string command = argv[1];
  if (command == "seed") return kartla::Seed(argv[2], std::stoul(argv[3]));
  if (command == "export") return kartla::Export(argv[2], argv[3]);
  std::cerr << usage;
  return 2;
}
