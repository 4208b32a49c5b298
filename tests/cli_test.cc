// Runs the `kartla` command as a person would, against a temporary database,
// and checks what it prints and its exit status.

#include <boost/json.hpp>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <regex>
#include <thread>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <map>

#include "core/csv.h"
#include "core/token.h"
#include "tests/support/http_client.h"
#include "tests/support/smtp_server.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_database.h"

namespace kartla {
namespace {

struct Outcome {
  int status = -1;
  std::string output;  // stdout and stderr together
};

class CliTest : public ::testing::Test {
 protected:
  // Runs `kartla ARGS` in the test's folder, with the environment
  // variables ENV ("NAME=VALUE ...") if given. On PostgreSQL (ctest's
  // *.postgres), KARTLA_DATABASE names the test's database, unless the test
  // names one itself.
  Outcome Kartla(const std::string& args, const std::string& env = "") {
    std::string database;
    if (!postgres_.empty() && env.find("KARTLA_DATABASE") == std::string::npos &&
        getenv("KARTLA_DATABASE") == nullptr) {
      database = "KARTLA_DATABASE='" + postgres_ + "' ";
    }
    std::string command = "cd '" + dir_.path().string() + "' && " + database + env + " " +
                          KARTLA_BINARY + " " + args + " 2>&1";
    Outcome run;
    FILE* pipe = popen(command.c_str(), "r");
    if (pipe == nullptr) return run;
    std::array<char, 4096> buffer;
    size_t n;
    while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) {
      run.output.append(buffer.data(), n);
    }
    int status = pclose(pipe);
    run.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return run;
  }

  std::string FileBytes(const std::string& name) {
    std::ifstream in(dir_.File(name), std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }

  // What the test's database holds: each table's rows and content hash, to
  // show that a refused command changed nothing.
  std::string DatabaseState() {
    Outcome state = Kartla("db fingerprint");
    EXPECT_EQ(state.status, 0) << state.output;
    return state.output;
  }

  static std::string Data(const std::string& name) {
    return std::string(KARTLA_TEST_DATA) + "/" + name;
  }

  testing::TempDir dir_;
  // The test's PostgreSQL database, or "" on SQLite.
  const std::string postgres_ = testing::OnPostgres() ? testing::TestDatabase(dir_.path()) : "";
};

// The command's output parsed as JSON: the test fails, saying why, if it
// is not exactly one JSON value.
boost::json::value ParsedJson(const std::string& output) {
  boost::system::error_code error;
  boost::json::value value = boost::json::parse(output, error);
  EXPECT_FALSE(error) << "not JSON (" << error.message() << "):\n" << output;
  return value;
}

bool Has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST_F(CliTest, LoadsFinlandAndCountsByRegionAndSizeClass) {
  Outcome init = Kartla("init");
  ASSERT_EQ(init.status, 0) << init.output;
  EXPECT_TRUE(Has(init.output, testing::OnPostgres() ? "The PostgreSQL database" : "Created the database kartla.db"))
      << init.output;

  Outcome load = Kartla("registry load fi-2025");
  ASSERT_EQ(load.status, 0) << load.output;
  EXPECT_TRUE(Has(load.output, "308 organisations (308 added"));
  EXPECT_TRUE(Has(load.output, "100,000 and over")) << load.output;

  Outcome regions = Kartla("registry list --dimension region");
  ASSERT_EQ(regions.status, 0) << regions.output;
  EXPECT_TRUE(Has(regions.output, "308 organisations in 19 categories of region"))
      << regions.output;
  EXPECT_TRUE(Has(regions.output, "Åland"));

  Outcome sizes = Kartla("registry list --dimension size_class --lang fi");
  ASSERT_EQ(sizes.status, 0) << sizes.output;
  EXPECT_TRUE(Has(sizes.output, "alle 2\u00A0000")) << sizes.output;
  EXPECT_TRUE(Has(sizes.output, "7 categories of size_class"));

  Outcome show = Kartla("registry show 599 --lang sv");
  ASSERT_EQ(show.status, 0) << show.output;
  EXPECT_TRUE(Has(show.output, "Pedersöre"));
  EXPECT_TRUE(Has(show.output, "tvåspråkig, svenskspråkig majoritet"))
      << show.output;

  Outcome list = Kartla("registry list");
  ASSERT_EQ(list.status, 0);
  EXPECT_TRUE(Has(list.output, "Mäntyharju"));
  EXPECT_TRUE(Has(list.output, "308 organisations (registry version 1"));
}

TEST_F(CliTest, RefusesAFileWithThreePlantedErrorsAndChangesNothing) {
  ASSERT_EQ(Kartla("init").status, 0);
  ASSERT_EQ(Kartla("registry load fi-2025").status, 0);
  std::string versions_before = Kartla("registry versions").output;
  std::string bytes_before = DatabaseState();

  Outcome import = Kartla("registry import " +
                      Data("joint_authorities_three_errors.csv"));
  EXPECT_EQ(import.status, 3) << import.output;
  EXPECT_TRUE(Has(import.output, "3 problems; nothing was imported"))
      << import.output;
  EXPECT_TRUE(Has(import.output,
                  "joint_authorities_three_errors.csv:3:2: error: column "
                  "\"kind\": \"kuntayhtymä\" is not a kind of organisation"))
      << import.output;
  EXPECT_TRUE(Has(import.output,
                  "joint_authorities_three_errors.csv:5:1: error: code \"J01\" "
                  "is used already on row 2"))
      << import.output;
  EXPECT_TRUE(Has(import.output,
                  "joint_authorities_three_errors.csv:6:6: error: column "
                  "\"population\": \"17 6000\" is not a whole number"))
      << import.output;

  EXPECT_EQ(Kartla("registry versions").output, versions_before);
  EXPECT_EQ(DatabaseState(), bytes_before);
  Outcome joint = Kartla("registry list --kind joint-authority");
  EXPECT_TRUE(Has(joint.output, "\n0 organisations")) << joint.output;
}

TEST_F(CliTest, ImportsJointAuthoritiesAsANewVersionAndKeepsTheOld) {
  ASSERT_EQ(Kartla("init").status, 0);
  ASSERT_EQ(Kartla("registry load fi-2025").status, 0);
  Outcome dry = Kartla("registry import --dry-run --as-of 2026-01-01 " +
                   Data("joint_authorities.csv"));
  ASSERT_EQ(dry.status, 0) << dry.output;
  EXPECT_TRUE(Has(dry.output, "Nothing was saved"));
  Outcome import = Kartla("registry import --as-of 2026-01-01 " +
                      Data("joint_authorities.csv"));
  ASSERT_EQ(import.status, 0) << import.output;
  EXPECT_TRUE(Has(import.output, "Saved registry version 2"));
  EXPECT_TRUE(Has(import.output, "311 organisations (3 added"));

  Outcome kinds = Kartla("registry list --dimension kind");
  EXPECT_TRUE(Has(kinds.output, "joint municipal authority")) << kinds.output;
  Outcome old = Kartla("registry list --dimension kind --as-of 2025-06-01");
  EXPECT_TRUE(Has(old.output, "308 organisations in 1 categories")) << old.output;
  Outcome versions = Kartla("registry versions");
  EXPECT_TRUE(Has(versions.output, "2 versions"));
}

TEST_F(CliTest, ExitStatusesSayWhatWentWrong) {
  Outcome no_db = Kartla("registry list");
  EXPECT_EQ(no_db.status, 5) << no_db.output;
  EXPECT_TRUE(Has(no_db.output, "kartla init"));

  ASSERT_EQ(Kartla("init").status, 0);
  Outcome empty = Kartla("registry list");
  EXPECT_EQ(empty.status, 4) << empty.output;
  ASSERT_EQ(Kartla("registry load se").status, 0);
  EXPECT_EQ(Kartla("registry show 9999").status, 4);
  EXPECT_EQ(Kartla("registry load atlantis").status, 4);
  EXPECT_EQ(Kartla("registry list --dimension colour").status, 4);
  EXPECT_EQ(Kartla("registry import /no/such.csv --kind other").status, 4);
  EXPECT_EQ(Kartla("registry list --as-of yesterday").status, 3);
  EXPECT_EQ(Kartla("registry frobnicate").status, 2);
  EXPECT_EQ(Kartla("").status, 2);

  std::ofstream(dir_.File("junk.db")) << std::string(8192, 'j');
  Outcome junk = Kartla("--db junk.db registry list");
  EXPECT_EQ(junk.status, 6) << junk.output;
  EXPECT_TRUE(Has(junk.output, "junk.db is not a Kartla database"));
}

TEST_F(CliTest, EveryCommandHasHelpAndThereIsAVersion) {
  Outcome version = Kartla("--version");
  EXPECT_EQ(version.status, 0);
  EXPECT_TRUE(Has(version.output, "kartla 0."));
  for (const char* command :
       {"", "init", "demo", "registry", "registry load", "registry import",
        "registry list", "registry show", "registry versions",
        "registry dimensions", "form", "form check", "form import",
        "form show", "form export", "form list", "round", "round create",
        "round add-questionnaire", "round stages", "round notices", "round show",
        "round results-settings", "round retention",
        "round list", "serve", "invite", "invite create", "user", "user add",
        "user passwd", "user list", "audit", "contacts", "contacts import",
        "contacts list", "invite send", "invite remind", "invite schedule", "mail",
        "mail send", "monitor", "stats", "stats estimate", "stats representativeness",
        "stats table", "stats relate", "stats trend", "stats compare", "publish",
        "microdata"}) {
    Outcome help = Kartla(std::string(command) + " --help");
    EXPECT_EQ(help.status, 0) << command;
    EXPECT_TRUE(Has(help.output, "Usage:")) << command << help.output;
  }
}

TEST_F(CliTest, ReadsTheConfigurationFileAndVariables) {
  // The settings file names another database (a file: on PostgreSQL the
  // test's database stays the one named by KARTLA_DATABASE, which wins).
  std::ofstream(dir_.File("kartla.toml")) << "database = \"survey.db\"\n"
                                             "language = \"fi\"\n";
  ASSERT_EQ(Kartla("init").status, 0);
  EXPECT_EQ(std::filesystem::exists(dir_.File("survey.db")), !testing::OnPostgres());
  ASSERT_EQ(Kartla("registry load fi-2025").status, 0);
  Outcome fi = Kartla("registry list --dimension urban_rural");
  EXPECT_TRUE(Has(fi.output, "maaseutumaiset kunnat")) << fi.output;
  Outcome sv = Kartla("registry list --dimension urban_rural --lang sv");
  EXPECT_TRUE(Has(sv.output, "landsbygdskommuner")) << sv.output;
  std::ofstream(dir_.File("kartla.toml")) << "language = \"fr\"\n";
  Outcome bad = Kartla("registry versions");
  EXPECT_EQ(bad.status, 3);
  EXPECT_TRUE(Has(bad.output, "kartla.toml:1:12: error: language")) << bad.output;
  if (!testing::OnPostgres()) {
    Outcome other_config = Kartla("--config /dev/null registry versions");
    EXPECT_EQ(other_config.status, 5) << other_config.output;  // kartla.db does not exist
  }
}

TEST_F(CliTest, DemoSetsUpAFreshFolder) {
  // On a set day, so that the releases are the same bytes on any day.
  Outcome demo = Kartla("demo --dir demo1 --port 8099 --setup-only",
                        "KARTLA_CLOCK_START=2026-12-02T08:00:00Z");
  ASSERT_EQ(demo.status, 0) << demo.output;
  EXPECT_TRUE(Has(demo.output, "308 organisations"));
  EXPECT_TRUE(Has(demo.output, "308 organisations in 19 categories of region"));
  EXPECT_TRUE(Has(demo.output, "http://127.0.0.1:8099/"));
  EXPECT_TRUE(Has(demo.output, "Created the round digimapping-2025"));
  EXPECT_TRUE(Has(demo.output, "ICT management             ict-management"))
      << demo.output;
  EXPECT_TRUE(Has(demo.output, "Leadership                  1, 8")) << demo.output;
  EXPECT_TRUE(Has(demo.output, "Helsinki"));
  EXPECT_TRUE(Has(demo.output, "http://127.0.0.1:8099/r/"));
  EXPECT_TRUE(std::filesystem::exists(dir_.File("demo1/kartla.db")));
  // Made-up answers, and stages 1 and 2 of the results published.
  EXPECT_TRUE(Has(demo.output, "Published stage 1 as version 1")) << demo.output;
  EXPECT_TRUE(Has(demo.output, "Published stage 2 as version 2")) << demo.output;
  EXPECT_TRUE(Has(demo.output, "http://127.0.0.1:8099/results/digimapping-2025/v2/"));
  EXPECT_TRUE(std::filesystem::exists(
      dir_.File("demo1/results/digimapping-2025/v2/fi/chief_executives-1.html")));
  // Every byte of both releases, through their manifests (each file's
  // SHA-256): a change that means to change the releases records new
  // hashes here and says why in its commit. Issue 25's reshaping kept the
  // bytes of commit 7422861 (cadd19ff…, 5eab8b3d…); issue 19's merging of
  // small regions into major regions changed them, and its interval rule
  // (lines under k hidden whole, further cells hidden by linear
  // programming, the methods page's respondents per category audited and
  // published as JSON-stat too, Korn–Graubard intervals at 0 % and 100 %,
  // a breakdown's total line hidden as the overall table hides it) to
  // 6fbca692… and 848b8e07…; the least protection (fewer cells hidden:
  // by size class in version 2, 327 → 248) to 83dd8204… and 45873c29…;
  // kartla.css with the matrix's phone layout (its hash the only line of
  // the manifests that changed) to 392e98ac… and d2592623…; issue 21's
  // groups of fields (a field's tables, CSVs and trends titled "group –
  // field": the matrices' rows and ICT staff's years and time split; the
  // fieldset's CSS) to 0286653b… and 0831e5ed…; the printable
  // questionnaire's CSS (kartla.css only) to f7b92ccb… and 0cfd754e…; the
  // progress bar's CSS (kartla.css only) to dd26ce7e… and cad9f610…; the
  // date question's day, month and year fields (kartla.css only) to
  // b3f7c928… and 2c85ba74…; the start page's CSS (kartla.css only) to
  // 62c4f985… and d9f697f2…; long words in a heading wrapped on a phone
  // (kartla.css only) to dd872fe0… and a16d5e1f…; the invitations list's
  // explanation of the states (kartla.css only) to ce998e6c… and 19673e8f…;
  // long addresses wrapped in a phone's cards (kartla.css only) to 1a90e697…
  // and 0db73d40…; the mail page's message headers and text (kartla.css
  // only) to db77186e… and e08def78…; a CSV for Excel beside each table,
  // the rule's k in every file's note, numbers and days in the page's
  // language and the API linked from the front page, to d9928f4a… and
  // 26186196…; breakdowns as 100 % stacked bars and means as dots, figures
  // that scroll on a phone, batteries drawn as one figure, to e3c61dd3…
  // and 47de57c8…; trends with a legend and their base, a printed page's
  // source line, to 830db290… and fe68a697…; the publisher, contact,
  // licence and how to cite on the front page, per inhabitant figures,
  // headlines and indices, to 868e907f… and f79dcfb3…; each questionnaire
  // to print, how the indices are made on the methods page, and the print
  // CSS of the benchmark and of a folded breakdown, to 4936665c… and
  // 12cb05d6…; the test link's banner (kartla.css only) to 4b4e40b9… and
  // f0be6319…; the form check's messages in the catalogue, a threshold
  // named twice in the disclosure rule filled both times, and the form
  // check's table left-aligned (kartla.css) to these.
  EXPECT_EQ(Sha256Hex(FileBytes("demo1/results/digimapping-2025/v1/manifest.json")),
            "46e9aba27612d139fd64947a325d0229f6ea68663a23fd508dfc3000104dac5f");
  EXPECT_EQ(Sha256Hex(FileBytes("demo1/results/digimapping-2025/v2/manifest.json")),
            "fc396d3b305f30aef5f38fa57749f4ecbd1b8368cb5b6d4806904d801f6a9545");
  EXPECT_EQ(Kartla("demo --setup-only", "KARTLA_CLOCK_START=yesterday").status, 2);
  Outcome fieldwork = Kartla("demo --dir demo2 --setup-only --fieldwork-only");
  ASSERT_EQ(fieldwork.status, 0) << fieldwork.output;
  EXPECT_FALSE(Has(fieldwork.output, "Published stage"));
  EXPECT_FALSE(std::filesystem::exists(dir_.File("demo2/results")));
  Outcome again = Kartla("demo --dir demo1 --setup-only");
  EXPECT_EQ(again.status, 5) << again.output;
  Outcome fresh = Kartla("demo --setup-only");
  ASSERT_EQ(fresh.status, 0) << fresh.output;
  EXPECT_TRUE(Has(fresh.output, "kartla-demo-"));
  EXPECT_EQ(Kartla("demo --port 70000").status, 2);
}

// The demo serves its links until SIGTERM, and stops cleanly.
TEST_F(CliTest, DemoServesTheLinksItPrints) {
  const int port = 18000 + getpid() % 1000;
  std::string command = "cd '" + dir_.path().string() + "' && (" + KARTLA_BINARY +
                        " demo --dir served --port " + std::to_string(port) +
                        " > demo.txt 2>&1 & echo $!)";
  FILE* pipe = popen(command.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  int pid = 0;
  ASSERT_EQ(fscanf(pipe, "%d", &pid), 1);
  pclose(pipe);
  std::string output;
  // Up to two minutes: under AddressSanitizer the demo takes a while.
  for (int i = 0; i < 1200 && !Has(output, "Serving on"); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    output = FileBytes("demo.txt");
  }
  ASSERT_TRUE(Has(output, "Serving on http://127.0.0.1:" + std::to_string(port)))
      << output;
  std::smatch link;
  ASSERT_TRUE(std::regex_search(output, link,
                                std::regex("http://127\\.0\\.0\\.1:[0-9]+(/r/[A-Za-z0-9_-]+)")));
  testing::HttpClient client(port);
  EXPECT_EQ(client.Get(link[1].str()).status, 303);
  testing::HttpReply page = client.Get(client.Get("/q").Header("location"));
  EXPECT_EQ(page.status, 200);
  EXPECT_TRUE(Has(page.body, "<form method=\"post\" action=\"/q/page/")) << page.body;
  // The made-up answers are one story everywhere: the invitations list
  // shows as submitted every response the demo made up.
  std::smatch made, password, listed;
  ASSERT_TRUE(std::regex_search(output, made, std::regex("Made up and submitted ([0-9]+) responses")));
  ASSERT_TRUE(std::regex_search(output, password, std::regex("as admin with the password (\\S+)")));
  testing::HttpClient admin(port);
  const std::string csrf = testing::CsrfOf(admin.Get("/admin/login?lang=en").body);
  ASSERT_EQ(admin.Post("/admin/login", "csrf=" + csrf + "&name=admin&password=" + password[1].str())
                .status,
            303);
  const std::string submitted =
      admin.Get("/admin/rounds/digimapping-2025/invitations?state=submitted").body;
  ASSERT_TRUE(std::regex_search(submitted, listed, std::regex("Invitations 1–50 of ([0-9,]+)")))
      << submitted.substr(0, 2000);
  EXPECT_EQ(std::regex_replace(listed[1].str(), std::regex(","), ""), made[1].str());
  kill(pid, SIGTERM);
  for (int i = 0; i < 100 && !Has(output, "Stopped"); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    output = FileBytes("demo.txt");
  }
  EXPECT_TRUE(Has(output, "Stopped; everything answered is in the database."))
      << output;
}

std::string Forms(const std::string& name) {
  return std::string(KARTLA_SOURCE_DIR) + "/data/forms/digimapping-2025/" + name;
}

TEST_F(CliTest, ChecksTheExampleFormsAndEveryBrokenOne) {
  Outcome ok = Kartla("form check " + Forms(""));
  EXPECT_EQ(ok.status, 0) << ok.output;
  EXPECT_TRUE(Has(ok.output, "4 forms: 0 errors, 0 warnings")) << ok.output;

  std::string broken = std::string(KARTLA_SOURCE_DIR) + "/tests/forms/broken";
  Outcome bad = Kartla("form check " + broken + "/later-reference.survey.csv " +
                       broken + "/duplicate-choice.survey.csv");
  EXPECT_EQ(bad.status, 3);
  // Every file is checked; nothing stops at the first error.
  EXPECT_TRUE(Has(bad.output, "later-reference.survey.csv:2:4: error: relevant "
                              "\"${b} > 1\": at character 1: ${b} is asked "
                              "later (row 3)"))
      << bad.output;
  EXPECT_TRUE(Has(bad.output, "duplicate-choice.choices.csv:4:2: error: choice "
                              "\"yes\" is in list \"yes_no\" already, on "
                              "row 2"));
  EXPECT_TRUE(Has(bad.output, "2 forms: 2 errors, 0 warnings"));

  Outcome json = Kartla("form check --json " + broken + "/missing-label.survey.csv");
  EXPECT_EQ(json.status, 3);
  EXPECT_TRUE(Has(json.output, "\"severity\":\"error\",\"file\":")) << json.output;
  EXPECT_TRUE(Has(json.output, "\"row\":2,\"column\":3,\"message\":\"integer "
                               "\\\"a\\\" has no label\""))
      << json.output;
  EXPECT_FALSE(ParsedJson(json.output).is_null());
}

TEST_F(CliTest, ImportsAFormOnceAndRoundTripsItThroughXlsx) {
  ASSERT_EQ(Kartla("init").status, 0);
  Outcome first = Kartla("form import " + Forms("ict-management.survey.csv"));
  ASSERT_EQ(first.status, 0) << first.output;
  EXPECT_TRUE(Has(first.output, "Imported form ict-management version 1: 20 "
                                "questions, sections 2 3, languages fi sv en"))
      << first.output;
  std::string before = DatabaseState();
  Outcome again = Kartla("form import " + Forms("ict-management.survey.csv"));
  EXPECT_EQ(again.status, 0);
  EXPECT_TRUE(Has(again.output, "Unchanged: form ict-management version 1"));

  Outcome exported = Kartla("form export ict-management --xlsx ict.xlsx");
  ASSERT_EQ(exported.status, 0) << exported.output;
  Outcome reimported = Kartla("form import ict.xlsx");
  EXPECT_TRUE(Has(reimported.output, "Unchanged: form ict-management version 1"))
      << reimported.output;

  // A broken form imports nothing.
  Outcome broken = Kartla("form import " + std::string(KARTLA_SOURCE_DIR) +
                          "/tests/forms/broken/calculation-cycle.survey.csv");
  EXPECT_EQ(broken.status, 3);
  EXPECT_TRUE(Has(broken.output, "1 error; nothing was imported")) << broken.output;
  EXPECT_TRUE(Has(broken.output, "go round in a circle"));
  EXPECT_EQ(Kartla("form list").output.find("calculation-cycle"), std::string::npos);

  Outcome show = Kartla("form show ict-management --lang sv");
  ASSERT_EQ(show.status, 0) << show.output;
  EXPECT_TRUE(Has(show.output, "Section 3: IKT-kostnader och resurser")) << show.output;
  EXPECT_TRUE(Has(show.output, "select_one provider or_other")) << show.output;
  EXPECT_TRUE(Has(show.output, "change7 (6): grew_lot, grew, same, fell, fell_lot, dont_know"));
  EXPECT_EQ(Kartla("form show nosuchform").status, 4);
}

TEST_F(CliTest, CreatesARoundWithQuestionnairesAndStages) {
  ASSERT_EQ(Kartla("init").status, 0);
  Outcome empty = Kartla("round create r2025 --series digimapping");
  EXPECT_EQ(empty.status, 5) << empty.output;  // no registry yet
  EXPECT_TRUE(Has(empty.output, "the registry is empty"));
  std::ofstream(dir_.File("early.csv")) << "organisation,name,email,role\n"
                                            "005,Anna,anna@kunta.example,ict_management\n";
  Outcome early = Kartla("contacts import early.csv");
  EXPECT_EQ(early.status, 5) << early.output;  // the same refusal
  EXPECT_TRUE(Has(early.output, "the registry is empty; load or import one first")) << early.output;
  ASSERT_EQ(Kartla("registry load fi-2025").status, 0);
  Outcome created = Kartla("round create r2025 --series digimapping --year 2025 "
                           "--title 'fi=Kartoitus 2025' --title 'Mapping 2025'");
  ASSERT_EQ(created.status, 0) << created.output;
  EXPECT_TRUE(Has(created.output, "on registry version 1"));
  EXPECT_EQ(Kartla("round create r2025 --series digimapping").status, 5);

  for (const char* form : {"chief-executives", "ict-management"}) {
    ASSERT_EQ(Kartla(std::string("form import ") + Forms(form) + ".survey.csv").status, 0);
  }
  Outcome chiefs = Kartla("round add-questionnaire r2025 chief-executives "
                          "--target-group chief_executives");
  EXPECT_EQ(chiefs.status, 0) << chiefs.output;
  EXPECT_TRUE(Has(chiefs.output, "questions, sections 1 8)")) << chiefs.output;
  // A form without sections says none, not "sections )".
  ASSERT_EQ(Kartla("form import " + std::string(KARTLA_SOURCE_DIR) +
                   "/tests/forms/pyxform/sami-and-english.survey.csv").status, 0);
  Outcome plain = Kartla("round add-questionnaire r2025 sami_and_english "
                         "--target-group administration_management");
  EXPECT_TRUE(Has(plain.output, "answer form sami_and_english version 1 (3 questions)\n"))
      << plain.output;
  Outcome own = Kartla("round add-questionnaire r2025 ict-management "
                       "--target-group ict_staff");
  EXPECT_EQ(own.status, 3);
  EXPECT_TRUE(Has(own.output, "give a label")) << own.output;
  EXPECT_EQ(Kartla("round add-questionnaire r2025 ict-management "
                   "--target-group ict_staff --label 'fi=ICT-henkilöstö' "
                   "--label 'ICT staff'").status, 0);
  EXPECT_EQ(Kartla("round add-questionnaire r2025 nosuch "
                   "--target-group ict_management").status, 4);

  std::ofstream(dir_.File("bad-stages.csv"))
      << "stage,name,sections,opens,closes,publishes\n"
         "1,One,1 9,2025-03-01,2025-02-01,2025-06-01\n"
         "1,Two,8,2025-13-01,2025-04-01,2025-05-01\n";
  Outcome bad = Kartla("round stages r2025 bad-stages.csv");
  EXPECT_EQ(bad.status, 3);
  EXPECT_TRUE(Has(bad.output, "bad-stages.csv: 4 problems; nothing was changed"))
      << bad.output;
  EXPECT_TRUE(Has(bad.output, "bad-stages.csv:2:3: error: no form of round r2025 has section 9"));
  EXPECT_TRUE(Has(bad.output, "bad-stages.csv:2:5: error: the stage closes (2025-02-01) before it opens (2025-03-01)"));
  EXPECT_TRUE(Has(bad.output, "bad-stages.csv:3:1: error: stage 1 is on line 2 already"));
  EXPECT_TRUE(Has(bad.output, "bad-stages.csv:3:4: error: opens \"2025-13-01\" is not a date"));

  // A name per language needs a language the pages are in.
  std::ofstream(dir_.File("klingon-stages.csv"))
      << "stage,name::tlh,sections,opens,closes,publishes\n"
         "1,Qapla',1 8,2025-03-03,2025-04-11,2025-06-12\n";
  Outcome klingon = Kartla("round stages r2025 klingon-stages.csv");
  EXPECT_EQ(klingon.status, 3);
  EXPECT_TRUE(Has(klingon.output, "klingon-stages.csv:1:2: error: the column \"name::tlh\" names "
                                  "no language stages are named in"))
      << klingon.output;

  // The name in every language, or per language: as XLSForm heads a
  // label's column, or by the language's code.
  std::ofstream(dir_.File("stages.csv"))
      << "stage,name,name::Suomi (fi),name::sv,sections,opens,closes,publishes\n"
         "1,Leadership,Johtaminen,Ledning,1 8,2025-03-03,2025-04-11,2025-06-12\n"
         "2,ICT,,,2,2025-04-14,2025-05-23,2025-09-18\n";
  ASSERT_EQ(Kartla("round stages r2025 stages.csv").status, 0);
  Outcome swedish_stages = Kartla("round stages r2025 --lang sv");
  EXPECT_TRUE(Has(swedish_stages.output, "Ledning")) << swedish_stages.output;
  EXPECT_TRUE(Has(swedish_stages.output, "ICT")) << swedish_stages.output;
  Outcome english_stages = Kartla("round stages r2025 --lang en");
  EXPECT_TRUE(Has(english_stages.output, "Leadership")) << english_stages.output;
  Outcome show = Kartla("round show r2025 --lang fi");
  ASSERT_EQ(show.status, 0) << show.output;
  EXPECT_TRUE(Has(show.output, "Kartoitus 2025 (r2025)"));
  EXPECT_TRUE(Has(show.output, "Registry: version 1, in force from 2025-01-01, 308 organisations"));
  EXPECT_TRUE(Has(show.output, "Kunnanjohtajat  chief-executives"));
  EXPECT_TRUE(Has(show.output, "ICT-henkilöstö  ict-management")) << show.output;
  EXPECT_TRUE(Has(show.output, "Note: no stage collects section(s) 3")) << show.output;
  EXPECT_TRUE(Has(show.output, "Johtaminen")) << show.output;

  // What the start page tells respondents: all or nothing, each problem
  // by file, row and column.
  std::ofstream(dir_.File("bad-notices.csv"))
      << "notice,fi,sv,en\n"
         "privacy,Vastauksia käytetään vain kartoitukseen.,,Used only for the mapping.\n"
         "terms,a,b,c\n";
  Outcome refused = Kartla("round notices r2025 bad-notices.csv");
  EXPECT_EQ(refused.status, 3);
  EXPECT_TRUE(Has(refused.output, "bad-notices.csv:2:3: error: the privacy notice has no text "
                                  "in this language"))
      << refused.output;
  EXPECT_TRUE(Has(refused.output, "bad-notices.csv:3:1: error: \"terms\" is no notice (privacy "
                                  "or contact)"))
      << refused.output;
  EXPECT_TRUE(Has(Kartla("round notices r2025").output, "privacy (fi): (not set)"));
  std::ofstream(dir_.File("notices.csv"))
      << "notice,fi,sv,en\n"
         "privacy,Vastauksia käytetään vain kartoitukseen.,Svaren används bara för "
         "kartläggningen.,The answers are used only for the mapping.\n"
         "contact,\"Kysy: tiimi@example.org\",\"Fråga: tiimi@example.org\",\"Ask: "
         "tiimi@example.org\"\n";
  Outcome notices = Kartla("round notices r2025 notices.csv");
  ASSERT_EQ(notices.status, 0) << notices.output;
  EXPECT_TRUE(Has(notices.output, "privacy (sv): Svaren används bara för kartläggningen."))
      << notices.output;
  EXPECT_TRUE(Has(notices.output, "contact (en): Ask: tiimi@example.org")) << notices.output;

  // Links are issued all or none: with an organisation outside the round
  // among them, no link is stored that nobody saw.
  auto invited = [&] {
    std::istringstream lines(Kartla("monitor r2025").output);
    for (std::string line; std::getline(lines, line);) {
      if (line.starts_with("Chief executives ")) return std::stoi(line.substr(16));
    }
    return -1;
  };
  ASSERT_EQ(invited(), 0);
  Outcome unknown = Kartla("invite create r2025 --target-group chief_executives "
                           "--org 005 --org 999 --org 998");
  EXPECT_EQ(unknown.status, 4);
  EXPECT_TRUE(Has(unknown.output, "there are no organisations 999, 998 in the registry version "
                                  "of round r2025; no invitation was created"))
      << unknown.output;
  EXPECT_FALSE(Has(unknown.output, "/r/")) << unknown.output;
  EXPECT_EQ(invited(), 0);
  Outcome links = Kartla("invite create r2025 --target-group chief_executives --org 005 --org 009");
  ASSERT_EQ(links.status, 0) << links.output;
  EXPECT_TRUE(Has(links.output, "009           fi        http")) << links.output;
  EXPECT_EQ(invited(), 2);
}

TEST_F(CliTest, AddsUsersAndAuditsWhatStaffDid) {
  ASSERT_EQ(Kartla("init").status, 0);
  ASSERT_EQ(Kartla("registry load fi-2025").status, 0);
  std::ofstream(dir_.File("pw.txt")) << "long enough pw\n";
  std::ofstream(dir_.File("short.txt")) << "short\n";
  EXPECT_EQ(Kartla("user add anna --admin < pw.txt").status, 0);
  Outcome taken = Kartla("user add anna < pw.txt");
  EXPECT_EQ(taken.status, 5) << taken.output;
  Outcome coordinator =
      Kartla("user add carl --role coordinator --org 091 < pw.txt");
  EXPECT_EQ(coordinator.status, 0) << coordinator.output;
  Outcome shorter = Kartla("user passwd anna < short.txt");
  EXPECT_EQ(shorter.status, 3) << shorter.output;
  Outcome list = Kartla("user list");
  EXPECT_TRUE(Has(list.output, "anna  administrator")) << list.output;
  EXPECT_TRUE(Has(list.output, "carl  coordinator    091")) << list.output;
  EXPECT_FALSE(Has(list.output, "long enough pw"));
  Outcome audit = Kartla("audit --csv");
  EXPECT_TRUE(Has(audit.output, "\"user.add\",\"user carl\",\"coordinator of 091\""))
      << audit.output;
  EXPECT_EQ(Kartla("user disable carl").status, 0);
  EXPECT_TRUE(Has(Kartla("user list").output, "disabled"));
  EXPECT_EQ(Kartla("user disable nobody").status, 4);
}

// Every command that changes something, or reads what is personal, leaves
// one line in the audit log: who (cli: and the system user), what, when.
TEST_F(CliTest, EveryChangingCommandIsAuditedOnce) {
  ASSERT_EQ(Kartla("init").status, 0);
  ASSERT_EQ(Kartla("registry load fi-2025").status, 0);
  std::ofstream(dir_.File("jma.csv")) << "code,name_fi\nJ01,Kuntayhtym\u00e4\n";
  ASSERT_EQ(Kartla("registry import jma.csv --kind joint-authority").status, 0);
  ASSERT_EQ(Kartla("registry import jma.csv --kind joint-authority --dry-run").status, 0);
  ASSERT_EQ(Kartla("form import " + Forms("ict-management") + ".survey.csv").status, 0);
  ASSERT_EQ(Kartla("round create r1 --series s").status, 0);
  ASSERT_EQ(
      Kartla("round add-questionnaire r1 ict-management --target-group ict_management").status,
      0);
  std::ofstream(dir_.File("stages.csv"))
      << "stage,name,sections,opens,closes,publishes\n1,All,2 3,2025-01-01,2025-02-01,"
         "2025-03-01\n";
  ASSERT_EQ(Kartla("round stages r1 stages.csv").status, 0);
  ASSERT_EQ(Kartla("round late-answers r1 on").status, 0);
  ASSERT_EQ(Kartla("invite create r1 --target-group ict_management --org 091").status, 0);
  ASSERT_EQ(Kartla("microdata r1 --target-group ict_management --identify").status, 0);
  std::ofstream(dir_.File("c.csv")) << "organisation,name,email,role\n"
                                       "091,Anna,anna@hel.fi,ict_management\n";
  ASSERT_EQ(Kartla("contacts import c.csv").status, 0);
  Outcome erased = Kartla("contacts erase 1");
  ASSERT_EQ(erased.status, 0) << erased.output;
  EXPECT_TRUE(Has(erased.output, "Erased contact 1 of 091: 0 links revoked")) << erased.output;
  EXPECT_EQ(Kartla("contacts erase 1").status, 4);
  EXPECT_EQ(Kartla("round retention r1 2025-01-15").status, 3) << "before the stage closes";
  ASSERT_EQ(Kartla("round retention r1 2099-01-01").status, 0);
  EXPECT_TRUE(Has(Kartla("round retention r1").output,
                  "Round r1: personal data is erased on 2099-01-01"));
  EXPECT_TRUE(Has(Kartla("round erase-due").output, "0 rounds' personal data erased"));
  Outcome audit = Kartla("audit --csv");
  ASSERT_EQ(audit.status, 0);
  auto table = ParseCsv(audit.output, "audit.csv");
  ASSERT_TRUE(table.ok()) << audit.output;
  std::map<std::string, int> actions;
  for (const CsvRecord& record : table->records) {
    ++actions[record.fields[2]];
    EXPECT_TRUE(record.fields[1].starts_with("cli:")) << record.fields[1];
  }
  for (const char* action : {"registry.load", "registry.import", "form.import", "round.create",
                             "round.questionnaire", "round.stages", "round.late_answers",
                             "invitations.create", "microdata.identified", "contacts.import",
                             "contact.erase", "round.retention"}) {
    EXPECT_EQ(actions[action], 1) << action << "\n" << audit.output;
  }
}

TEST_F(CliTest, ImportsContactsAllOrNothing) {
  ASSERT_EQ(Kartla("init").status, 0);
  ASSERT_EQ(Kartla("registry load fi-2025").status, 0);
  std::ofstream(dir_.File("bad.csv"))
      << "organisation,name,email,role,language\n"
         "091,Anna Virtanen,anna@hel.fi,ict_management,fi\n"
         "999,Bo,bo@x,boss,de\n"
         "091,Anna V,ANNA@hel.fi,ict_management,\n";
  std::string bytes_before = DatabaseState();
  Outcome bad = Kartla("contacts import bad.csv");
  EXPECT_EQ(bad.status, 3);
  for (const char* expected :
       {"5 problems in bad.csv; nothing was imported",
        "bad.csv:3:1: error: column \"organisation\": there is no organisation \"999\"",
        "bad.csv:3:3: error: column \"email\": \"bo@x\" is not an email address",
        "bad.csv:3:4: error: column \"role\": \"boss\" is not a target group",
        "bad.csv:3:5: error: column \"language\": \"de\" is not fi, sv or en",
        "bad.csv:4:3: error: ANNA@hel.fi is listed already as ict_management of 091"}) {
    EXPECT_TRUE(Has(bad.output, expected)) << expected << "\n" << bad.output;
  }
  EXPECT_EQ(DatabaseState(), bytes_before);

  std::ofstream(dir_.File("good.csv"))
      << "organisation,name,email,role\n"
         "091,Anna Virtanen,anna@hel.fi,ict_management\n"
         "599,Åsa Lind,asa@narpes.fi,chief_executives\n";
  Outcome good = Kartla("contacts import good.csv");
  EXPECT_EQ(good.status, 0) << good.output;
  Outcome list = Kartla("contacts list --org 599");
  // Närpes is Swedish-speaking: its contact's language defaults to Swedish.
  EXPECT_TRUE(Has(list.output, "asa@narpes.fi  chief_executives  sv")) << list.output;
  EXPECT_FALSE(Has(list.output, "anna@hel.fi"));
  Outcome again = Kartla("contacts import good.csv");
  EXPECT_EQ(again.status, 3) << "the same contacts twice";
}

TEST_F(CliTest, MailsInvitationsThroughARealSmtpServer) {
  ASSERT_EQ(Kartla("init").status, 0);
  ASSERT_EQ(Kartla("registry load fi-2025").status, 0);
  ASSERT_EQ(Kartla("round create digimapping-2025 --series digimapping --year 2025 "
                   "--title 'fi=Kartoitus 2025' --title 'sv=Kartläggning 2025' "
                   "--title 'Mapping 2025'").status, 0);
  ASSERT_EQ(Kartla("form import " + Forms("ict-management.survey.csv")).status, 0);
  ASSERT_EQ(Kartla("round add-questionnaire digimapping-2025 ict-management "
                   "--target-group ict_management").status, 0);
  std::ofstream(dir_.File("contacts.csv"))
      << "organisation,name,email,role\n"
         "091,Anna Virtanen,anna@hel.fi,ict_management\n"
         "599,Åsa Lind,asa@pedersore.fi,ict_management\n";
  ASSERT_EQ(Kartla("contacts import contacts.csv").status, 0);
  Outcome queued = Kartla("invite send digimapping-2025 --target-group ict_management");
  ASSERT_EQ(queued.status, 0) << queued.output;
  EXPECT_TRUE(Has(queued.output, "Queued 2 invitations")) << queued.output;

  const int port = 18997;
  std::vector<std::string> messages;
  {
    testing::SmtpServer smtp(dir_.path(), port);
    std::ofstream(dir_.File("kartla.toml"), std::ios::app)
        << "[mail]\nport = " << port
        << "\nsecurity = \"none\"\nfrom = \"kysely@kartla.example\"\n";
    Outcome sent = Kartla("mail send");
    ASSERT_TRUE(Has(sent.output, "Sent 2")) << sent.output;
    messages = smtp.Messages();
  }
  ASSERT_EQ(messages.size(), 2u);
  std::string swedish = Has(messages[0], "asa@pedersore.fi") ? messages[0] : messages[1];
  EXPECT_TRUE(Has(swedish, "Subject: Inbjudan att svara: =?utf-8?")) << swedish;
  EXPECT_TRUE(Has(swedish, "To: =?utf-8?B?w4VzYQ==?=")) << "Åsa, encoded";
  EXPECT_TRUE(Has(swedish, "multipart/alternative"));
  EXPECT_TRUE(Has(swedish, "Content-Type: text/plain; charset=utf-8"));
  EXPECT_TRUE(Has(swedish, "Content-Type: text/html; charset=utf-8"));
  EXPECT_TRUE(Has(swedish, "List-Unsubscribe: <mailto:kysely@kartla.example"));
  EXPECT_TRUE(Has(swedish, "Hej =C3=85sa Lind")) << "UTF-8 body, quoted-printable";
  EXPECT_TRUE(std::regex_search(swedish, std::regex("\n(http://127.0.0.1:[0-9]+/r/[A-Za-z0-9_-]{22})\r?\n")))
      << "the link on a line of its own: " << swedish;
  Outcome remind = Kartla("invite remind digimapping-2025 --preview");
  EXPECT_TRUE(Has(remind.output, "2 would be reminded")) << remind.output;
}

}  // namespace
}  // namespace kartla

namespace kartla {
namespace {

// Every row of R's reference numbers through `kartla stats estimate --json`,
// with the tolerances of the library's own test (src/stats).
TEST_F(CliTest, StatsEstimateReproducesRsReferenceNumbers) {
  const std::string stats = Data("stats/");
  auto reference = ParseCsv(testing::ReadFileBytes(stats + "reference_values.csv"), "ref");
  ASSERT_TRUE(reference.ok());
  const std::string rake =
      " --rake 'stype:E=4421,H=755,M=1018' --rake 'sch.wide:No=1072,Yes=5122'";
  const std::string calibrate =
      " --calibrate 'stype:E=4421,H=755,M=1018' --calibrate 'sch.wide:No=1072,Yes=5122'";
  int checked = 0;
  for (const CsvRecord& row : reference->records) {
    const std::string& name = row.fields[0];
    std::string term = row.fields[1];
    std::string args = "stats estimate --json --csv '" + stats + "apistrat.csv' --weights pw";
    bool iterative = false;
    if (name.starts_with("weights only")) {
    } else if (name.starts_with("strat no fpc")) {
      args += " --strata stype";
    } else {
      args += " --strata stype --fpc fpc";
    }
    if (name.starts_with("strat+postStratify(stype)")) {
      args += " --poststratify 'stype:E=4421,H=755,M=1018'";
    } else if (name.starts_with("strat+postStratify(stype x sch.wide")) {
      args += " --poststratify 'stype*sch.wide:E*No=472,H*No=334,M*No=266,E*Yes=3949,"
              "H*Yes=421,M*Yes=752'";
    } else if (name.starts_with("strat+rake(stype, sch.wide)")) {
      args += rake + " --rake-sweeps 10 --rake-epsilon 1";
      iterative = true;
    } else if (name.starts_with("strat+rake tight")) {
      args += rake + " --rake-epsilon 1e-10";
      iterative = true;
    } else if (name.starts_with("strat+calibrate linear")) {
      args += calibrate;
    } else if (name.starts_with("strat+calibrate calfun=raking")) {
      args += calibrate + " --calfun raking";
      iterative = true;
    }
    // What the row estimates, and which object of the JSON holds it.
    std::string what = name.substr(name.find(": ") + 2);
    std::map<std::string, std::string> key;
    if (what.starts_with("svytotal")) {
      args += " --total " + term;
      key = {{"statistic", "total"}, {"variable", term}, {"category", ""}};
    } else if (what.starts_with("svymean api00")) {
      args += " --mean " + term;
      key = {{"statistic", "mean"}, {"variable", term}, {"category", ""}};
    } else if (what.starts_with("svymean factor")) {
      std::string column = what.substr(15, what.find(' ', 15) - 15);
      args += " --share " + column;
      key = {{"variable", column}, {"category", term.substr(column.size())}};
    } else if (what.starts_with("svyby api00")) {
      args += " --mean api00 --by stype";
      key = {{"variable", "api00"}, {"category", ""}, {"by", term}};
    } else {
      args += " --share sch.wide --by stype";
      key = {{"category", term.substr(term.find(':') + 9)},
             {"by", term.substr(0, term.find(':'))}};
    }
    Outcome run = Kartla(args);
    SCOPED_TRACE(name + " / " + term + "\n" + args);
    ASSERT_EQ(run.status, 0) << run.output;
    boost::json::value rows = ParsedJson(run.output);
    ASSERT_TRUE(rows.is_array()) << run.output;
    const boost::json::object* found = nullptr;
    for (const boost::json::value& each : rows.as_array()) {
      bool matches = true;
      for (const auto& [field, value] : key) {
        matches = matches && each.as_object().at(field).as_string() == value;
      }
      if (matches) found = &each.as_object();
    }
    ASSERT_NE(found, nullptr) << run.output;
    double estimate = std::stod(row.fields[2]), se = std::stod(row.fields[3]);
    double tolerance = iterative ? 1e-7 : 1e-9;
    EXPECT_NEAR(found->at("estimate").as_double(), estimate, tolerance * std::abs(estimate));
    EXPECT_NEAR(found->at("se").as_double(), se,
                tolerance * std::max(std::abs(se), 1e-3 * std::abs(estimate)));
    ++checked;
  }
  EXPECT_EQ(checked, 51);
  // Representativeness of a round just invited: every organisation counted
  // in its categories, nothing answered yet.
  ASSERT_EQ(Kartla("demo --setup-only --fieldwork-only --dir demo").status, 0);
  setenv("KARTLA_DATABASE", dir_.File("demo/kartla.db").c_str(), 1);
  Outcome represent = Kartla("stats representativeness digimapping-2025 "
                             "--target-group ict_management --json");
  unsetenv("KARTLA_DATABASE");
  EXPECT_EQ(represent.status, 0) << represent.output;
  // One JSON object, without a title line; nothing answered, so every
  // indicator is null (never nan).
  boost::json::value invited = ParsedJson(represent.output);
  ASSERT_TRUE(invited.is_object()) << represent.output;
  EXPECT_EQ(invited.at("round"), "digimapping-2025");
  EXPECT_EQ(invited.at("outcomes").at(0).at("invited"), 308);
  EXPECT_TRUE(invited.at("outcomes").at(0).at("rr1").is_double());
  std::map<std::string, const boost::json::value*> dimensions;
  for (const boost::json::value& dimension : invited.at("dimensions").as_array()) {
    dimensions[std::string(dimension.at("dimension").as_string())] = &dimension;
  }
  ASSERT_TRUE(dimensions.contains("region") && dimensions.contains("kind"))
      << represent.output;
  EXPECT_TRUE(dimensions["region"]->at("r_indicator").is_null()) << represent.output;
  bool uusimaa = false;
  for (const boost::json::value& category : dimensions["region"]->at("categories").as_array()) {
    if (category.at("code") == "21") {
      EXPECT_EQ(category.at("invited"), 16);
      EXPECT_EQ(category.at("answered"), 0);
      EXPECT_TRUE(category.at("partial").is_null());
      uusimaa = true;
    }
  }
  EXPECT_TRUE(uusimaa) << represent.output;
  EXPECT_EQ(dimensions["kind"]->at("categories").at(0).at("invited"), 308);
  // A margin missing a category is refused, naming it.
  Outcome refused = Kartla("stats estimate --csv '" + stats +
                           "apistrat.csv' --weights pw --poststratify 'stype:E=4421,H=755' "
                           "--mean api00");
  EXPECT_EQ(refused.status, 3);
  EXPECT_TRUE(Has(refused.output, "the category M has respondents but no population count"))
      << refused.output;
}

// The results of a round whose answers the demo made up: weighted by size
// class × region with the small classes collapsed, tables by a dimension
// with small cells hidden, splits checked, and the audit clean.
TEST_F(CliTest, StatsTableWeightsByClassesAndHidesSmallCells) {
  Outcome demo = Kartla("demo --setup-only --simulate-answers --dir demo");
  ASSERT_EQ(demo.status, 0) << demo.output;
  std::smatch made;
  ASSERT_TRUE(std::regex_search(demo.output, made,
                                std::regex("Made up and submitted ([0-9]+) responses")))
      << demo.output;
  EXPECT_GT(std::stoi(made[1]), 500);
  setenv("KARTLA_DATABASE", dir_.File("demo/kartla.db").c_str(), 1);
  Outcome table = Kartla("stats table digimapping-2025 --target-group chief_executives "
                         "--by size_class --item strategy_1 --item perspective_1");
  Outcome costs = Kartla("stats table digimapping-2025 --target-group ict_management");
  Outcome swedish = Kartla("--lang sv stats table digimapping-2025 --target-group "
                           "ict_management --item maturity");
  Outcome unknown = Kartla("stats table digimapping-2025 --target-group ict_management "
                           "--weight-by municipality_type");
  const std::string settings = std::string(KARTLA_SOURCE_DIR) +
                               "/data/forms/digimapping-2025/results.toml";
  Outcome index = Kartla("stats table digimapping-2025 --target-group chief_executives "
                         "--config '" + settings + "' --item leadership --by size_class");
  Outcome relate = Kartla("stats relate digimapping-2025 --target-group chief_executives "
                          "--config '" + settings + "' --x leadership --y perspective_8");
  Outcome per_inhabitant =
      Kartla("stats table digimapping-2025 --target-group ict_management --config '" + settings +
             "' --item operating_costs --by size_class");
  Outcome trend = Kartla("stats trend digimapping --target-group ict_management --item maturity");
  Outcome represent = Kartla("stats representativeness digimapping-2025 "
                             "--target-group ict_management");
  Outcome compare = Kartla("stats compare digimapping-2025 --item perspective_1");
  Outcome crossed = Kartla("stats table digimapping-2025 --target-group ict_management "
                           "--by size_class*region --item main_provider --item maturity");
  Outcome represent_json = Kartla("stats representativeness digimapping-2025 "
                                  "--target-group ict_management --json");
  Outcome monitor_json = Kartla("monitor digimapping-2025 --json");
  // Releases: stage 1 twice into two folders gives the same bytes; again
  // into the first changes nothing; a correction needs a note; stage 2 is
  // a new version.
  // The demo's round keeps the example's results settings; these releases
  // are built with the defaults (and the options given), so they go.
  Outcome kept = Kartla("round results-settings digimapping-2025");
  EXPECT_TRUE(Has(kept.output, "[disclosure]")) << kept.output;
  Outcome forgotten = Kartla("round results-settings digimapping-2025 none");
  EXPECT_TRUE(Has(forgotten.output, "uses the default results settings")) << forgotten.output;
  Outcome first = Kartla("publish digimapping-2025 --stage 1 --out r1");
  Outcome second = Kartla("publish digimapping-2025 --stage 1 --out r2");
  Outcome again = Kartla("publish digimapping-2025 --stage 1 --out r1");
  Outcome correction = Kartla("publish digimapping-2025 --stage 1 --out r1 --k 7");
  // With k = 7, regions merge at 14 respondents: a major region's line
  // holds more regions than in version 1, and its counts minus version 1's
  // would tell what the added few answered.
  Outcome differenced =
      Kartla("publish digimapping-2025 --stage 1 --out r1 --k 7 --note 'k is 7'");
  // Stricter rules for the same answers hide cells version 1 published:
  // with those known, the new pattern gives a count away, so it is refused.
  std::ofstream(dir_.File("small_group.toml")) << "[disclosure]\nsmall_group = 12\n";
  Outcome stricter = Kartla(
      "publish digimapping-2025 --stage 1 --out r1 --config small_group.toml --note 'small "
      "group 12'");
  std::ofstream(dir_.File("by_size.toml")) << "[breakdowns]\ndefault = [\"size_class\"]\n";
  Outcome noted = Kartla(
      "publish digimapping-2025 --stage 1 --out r1 --config by_size.toml --note 'by size "
      "class only'");
  Outcome stage2 = Kartla("publish digimapping-2025 --stage 2 --out r1");
  Outcome no_stage = Kartla("publish digimapping-2025 --stage 9 --out r1");
  Outcome configured = Kartla("publish digimapping-2025 --stage 2 --out r3 --config '" +
                              settings + "'");
  std::ofstream(dir_.File("nowhere.toml")) << "[breakdowns]\nmaturity = [\"nowhere\"]\n";
  Outcome nowhere = Kartla("publish digimapping-2025 --stage 2 --out r4 --config nowhere.toml");
  Outcome microdata = Kartla("microdata digimapping-2025 --target-group ict_management --out md");
  Outcome identified = Kartla(
      "microdata digimapping-2025 --target-group ict_management --out md2 --identify");
  Outcome no_group = Kartla("microdata digimapping-2025 --target-group nobody");
  std::ofstream(dir_.File("broken.toml"))
      << "[disclosure]\nk = 0\n\n[[index]]\nname = \"x\"\nitems = 3\n\n[publication]\n"
         "licence_url = \"ftp://x\"\ncontact = { fi = 1 }\ncolour = \"red\"\n\n"
         "[[per_inhabitant]]\nquestions = [\"operating_costs\"]\nmultiplier = -1\n\n"
         "[[headline]]\nquestion = \"strategy_1\"\n";
  Outcome broken = Kartla("stats table digimapping-2025 --target-group chief_executives "
                          "--config broken.toml");
  unsetenv("KARTLA_DATABASE");
  ASSERT_EQ(index.status, 0) << index.output;
  EXPECT_TRUE(Has(index.output, "Leadership of digitalisation (leadership)")) << index.output;
  EXPECT_TRUE(Has(index.output, "Cronbach's alpha")) << index.output;
  EXPECT_TRUE(Has(index.output, "scored when at least 3 are answered")) << index.output;
  ASSERT_EQ(relate.status, 0) << relate.output;
  EXPECT_TRUE(std::regex_search(relate.output,
                                std::regex("Correlation r = 0\\.[0-9]+ \\(95 % CI 0\\.[0-9]+ "
                                           "to 0\\.[0-9]+")))
      << "the made-up answers rise with size, so the relation is positive\n"
      << relate.output;
  EXPECT_TRUE(Has(relate.output, "Regression perspective_8 = ")) << relate.output;
  // AAPOR's rates agree with the counts, and the R-indicator is computed
  // for every dimension with more than one category.
  ASSERT_EQ(represent.status, 0) << represent.output;
  std::smatch rates;
  ASSERT_TRUE(std::regex_search(
      represent.output, rates,
      std::regex("ICT management +308 +([0-9]+) +0 +([0-9.]+) %")))
      << represent.output;
  EXPECT_NEAR(std::stod(rates[2]), 100.0 * std::stoi(rates[1]) / 308, 0.05);
  EXPECT_TRUE(std::regex_search(represent.output,
                                std::regex("R-indicator 0\\.[0-9]{4}, CV 0\\.[0-9]{4}")))
      << represent.output;
  EXPECT_TRUE(Has(represent.output, "One category only: nothing to compare.")) << represent.output;
  ASSERT_EQ(monitor_json.status, 0) << monitor_json.output;
  EXPECT_TRUE(ParsedJson(monitor_json.output).is_object()) << monitor_json.output;
  boost::json::value answered = ParsedJson(represent_json.output);
  ASSERT_TRUE(answered.is_object()) << represent_json.output;
  const boost::json::value& outcome = answered.at("outcomes").at(0);
  EXPECT_EQ(outcome.at("target_group"), "ict_management");
  EXPECT_EQ(outcome.at("invited"), 308);
  EXPECT_NEAR(outcome.at("rr1").as_double(), outcome.at("complete").as_int64() / 308.0, 1e-12);
  EXPECT_TRUE(answered.at("dimensions").at(0).at("r_indicator").is_double())
      << represent_json.output;
  // The same question (kartla::series perspective_1) of two target groups.
  ASSERT_EQ(compare.status, 0) << compare.output;
  EXPECT_TRUE(std::regex_search(compare.output, std::regex("chief_executives +Chief executives")))
      << compare.output;
  EXPECT_TRUE(std::regex_search(compare.output,
                                std::regex("sector_management +Sector management +[0-9]+ ")))
      << compare.output;
  // Crossed: cells, then both margins and the total, nothing the audit finds.
  ASSERT_EQ(crossed.status, 0) << crossed.output;
  EXPECT_TRUE(Has(crossed.output, "Size class (population) × Region")) << crossed.output;
  EXPECT_TRUE(std::regex_search(crossed.output, std::regex("\n2,000–4,999 +[0-9]+ ")))
      << "a margin line\n" << crossed.output;
  EXPECT_TRUE(std::regex_search(crossed.output, std::regex("\nUusimaa +[0-9]+ ")))
      << "a margin line\n" << crossed.output;
  EXPECT_FALSE(Has(crossed.output, "AUDIT")) << crossed.output;
  ASSERT_EQ(first.status, 0) << first.output;
  EXPECT_TRUE(Has(first.output, "as version 1")) << first.output;
  // The private audit report beside the version, never in it.
  EXPECT_TRUE(Has(first.output, "The audit report, for the survey team only (never published): "
                                "r1/digimapping-2025/v1.audit.json"))
      << first.output;
  EXPECT_NE(testing::ReadFileBytes(dir_.File("r1/digimapping-2025/v1.audit.json"))
                .find("\"breaking_the_rule\":0"),
            std::string::npos);
  const std::string manifest = testing::ReadFileBytes(dir_.File("r1/digimapping-2025/v1/manifest.json"));
  EXPECT_EQ(manifest, testing::ReadFileBytes(dir_.File("r2/digimapping-2025/v1/manifest.json")));
  int checked_files = 0;
  const std::regex listed("\\{\"path\":\"([^\"]+)\",\"sha256\":\"([0-9a-f]{64})\"");
  for (auto it = std::sregex_iterator(manifest.begin(), manifest.end(), listed);
       it != std::sregex_iterator(); ++it) {
    const std::string file = (*it)[1];
    std::string bytes = testing::ReadFileBytes(dir_.File("r1/digimapping-2025/v1/" + file));
    ASSERT_EQ(Sha256Hex(bytes), (*it)[2]) << file;
    ASSERT_EQ(bytes, testing::ReadFileBytes(dir_.File("r2/digimapping-2025/v1/" + file))) << file;
    ++checked_files;
  }
  EXPECT_GT(checked_files, 100);
  EXPECT_TRUE(Has(again.output, "Unchanged: version 1")) << again.output;
  EXPECT_EQ(correction.status, 5) << correction.output;
  EXPECT_TRUE(Has(correction.output, "a correction needs a note")) << correction.output;
  EXPECT_EQ(differenced.status, 5) << differenced.output;
  EXPECT_TRUE(Has(differenced.output, "the versions could be differenced")) << differenced.output;
  EXPECT_EQ(stricter.status, 5) << stricter.output;
  EXPECT_TRUE(Has(stricter.output, "with the earlier versions a hidden count is given away: "))
      << stricter.output;
  EXPECT_TRUE(Has(noted.output, "as version 2")) << noted.output;
  EXPECT_TRUE(Has(stage2.output, "Published stage 2 of digimapping-2025 as version 3"))
      << stage2.output;
  EXPECT_TRUE(std::filesystem::exists(dir_.File("r1/digimapping-2025/v1/manifest.json")))
      << "old versions stay";
  EXPECT_EQ(no_stage.status, 4) << no_stage.output;
  // The release's pages: each language's front page and a section page.
  for (const char* lang : {"fi", "sv", "en"}) {
    const std::string front = testing::ReadFileBytes(
        dir_.File(std::string("r1/digimapping-2025/v3/") + lang + "/index.html"));
    EXPECT_TRUE(Has(front, std::string("<html lang=\"") + lang + "\">")) << lang;
    EXPECT_TRUE(Has(front, "chief_executives-1.html")) << front;
  }
  EXPECT_TRUE(Has(testing::ReadFileBytes(dir_.File("r1/digimapping-2025/v3/en/ict_management-2.html")),
                  "Figure 2.1: "));
  // The settings' breakdowns: main_provider by size class and language.
  ASSERT_EQ(configured.status, 0) << configured.output;
  const std::string ict = "r3/digimapping-2025/v1/ict_management/";
  EXPECT_TRUE(std::filesystem::exists(dir_.File(ict + "main_provider.by-language.fi.json")));
  EXPECT_FALSE(std::filesystem::exists(dir_.File(ict + "main_provider.by-region.fi.json")));
  EXPECT_TRUE(std::filesystem::exists(dir_.File(ict + "maturity.by-region.fi.json")));
  EXPECT_EQ(nowhere.status, 4) << nowhere.output;
  EXPECT_TRUE(Has(nowhere.output, "breakdowns of maturity: there is no dimension nowhere"))
      << nowhere.output;
  EXPECT_FALSE(std::filesystem::exists(dir_.File("r4")));
  // Microdata: four files, pseudonyms unless --identify.
  ASSERT_EQ(microdata.status, 0) << microdata.output;
  const std::string csv = testing::ReadFileBytes(dir_.File("md/digimapping-2025.ict_management.csv"));
  EXPECT_TRUE(csv.starts_with("pseudonym,")) << csv.substr(0, 200);
  for (const char* suffix : {".xlsx", ".sav", ".dta"}) {
    EXPECT_TRUE(std::filesystem::exists(dir_.File(std::string("md/digimapping-2025.ict_management") +
                                                  suffix)));
  }
  ASSERT_EQ(identified.status, 0) << identified.output;
  const std::string named = testing::ReadFileBytes(dir_.File("md2/digimapping-2025.ict_management.csv"));
  EXPECT_TRUE(named.starts_with("organisation,"));
  // The first respondent's organisation code is not in the pseudonymised file.
  const size_t first_row = named.find("\r\n") + 2;
  const std::string code = named.substr(first_row, named.find(',', first_row) - first_row);
  EXPECT_EQ(code.size(), 3u) << code;
  EXPECT_FALSE(Has(csv, "\r\n" + code + ",")) << code;
  EXPECT_EQ(no_group.status, 4) << no_group.output;
  // The earlier round the demo made up is less mature: the trend rises.
  ASSERT_EQ(trend.status, 0) << trend.output;
  std::smatch years;
  ASSERT_TRUE(std::regex_search(
      trend.output, years,
      std::regex("digimapping-2021  2021 +[0-9]+ +([0-9.]+) \\([^)]*\\)[^\\n]*\\n"
                 "digimapping-2025  2025 +[0-9]+ +([0-9.]+) ")))
      << trend.output;
  EXPECT_LT(std::stod(years[1]), std::stod(years[2])) << trend.output;
  EXPECT_EQ(broken.status, 3) << broken.output;
  EXPECT_TRUE(Has(broken.output, "broken.toml:2:")) << broken.output;
  EXPECT_TRUE(Has(broken.output, "disclosure.k: give a whole number from 1 to 1000"))
      << broken.output;
  EXPECT_TRUE(Has(broken.output, "index.items: give a list of texts")) << broken.output;
  EXPECT_TRUE(Has(broken.output, "kartla: broken.toml: 9 problems")) << broken.output;
  EXPECT_TRUE(Has(broken.output, "broken.toml:17:1: error: a [[headline]] needs a target_group "
                                 "and a question"))
      << broken.output;
  EXPECT_TRUE(Has(broken.output, "broken.toml:15:14: error: per_inhabitant.multiplier: give a "
                                 "number above 0"))
      << broken.output;
  EXPECT_TRUE(Has(broken.output, "a [[per_inhabitant]] needs questions and a unit"))
      << broken.output;
  // The example settings ask the ICT costs per inhabitant: a column of
  // euros per inhabitant, each class's within its interval.
  ASSERT_EQ(per_inhabitant.status, 0) << per_inhabitant.output;
  EXPECT_TRUE(Has(per_inhabitant.output, "€ per inhabitant (95 % CI)")) << per_inhabitant.output;
  EXPECT_TRUE(std::regex_search(per_inhabitant.output,
                                std::regex("All +178 .* [0-9]+ \\([0-9]+–[0-9]+\\)\\s*\\n")))
      << per_inhabitant.output;
  EXPECT_TRUE(Has(broken.output, "broken.toml:9:15: error: publication.licence_url: give the "
                                 "licence's address"))
      << broken.output;
  EXPECT_TRUE(Has(broken.output, "publication.contact: give a text in quotes, or {"))
      << broken.output;
  EXPECT_TRUE(Has(broken.output, "publication.colour: no such setting")) << broken.output;
  ASSERT_EQ(table.status, 0) << table.output;
  EXPECT_TRUE(Has(table.output, "Weighted by size_class*region:")) << table.output;
  EXPECT_TRUE(Has(table.output, "are weighted together")) << table.output;
  std::smatch coverage;
  ASSERT_TRUE(std::regex_search(
      table.output, coverage,
      std::regex("Answered by ([0-9]+) of ([0-9]+) respondents \\(100 %\\); ([0-9]+) % of all "
                 "organisations in scope")))
      << table.output;
  EXPECT_EQ(coverage[1], coverage[2]);
  // Shares of all, then without "don't know"; a rating's mean and top 2.
  EXPECT_TRUE(Has(table.output, "Without \"don't know\" (base: the valid answers):"));
  EXPECT_TRUE(Has(table.output, "Mean (95 % CI)"));
  EXPECT_TRUE(Has(table.output, "100,000 and over")) << table.output;
  EXPECT_TRUE(Has(table.output, " .. ")) << "small cells hidden\n" << table.output;
  EXPECT_FALSE(Has(table.output, "AUDIT")) << table.output;
  ASSERT_EQ(costs.status, 0) << costs.output;
  EXPECT_TRUE(Has(costs.output, "Total (95 % CI)")) << costs.output;
  std::smatch split;
  ASSERT_TRUE(std::regex_search(costs.output, split,
                                std::regex("Split time_split: ([0-9]+) answered every part, "
                                           "([0-9]+) of them add up to 100")))
      << costs.output;
  EXPECT_EQ(split[1], split[2]) << "the made-up splits add up";
  EXPECT_TRUE(Has(costs.output, "Open text: not broken down")) << costs.output;
  EXPECT_TRUE(Has(swedish.output, "av alla organisationer i målgruppen")) << swedish.output;
  EXPECT_EQ(unknown.status, 4) << unknown.output;
  EXPECT_TRUE(Has(unknown.output, "there is no dimension municipality_type")) << unknown.output;
}

}  // namespace
}  // namespace kartla
