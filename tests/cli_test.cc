// Runs the `kartla` command as a person would, against a temporary database,
// and checks what it prints and its exit status.

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include "tests/support/temp_dir.h"

namespace kartla {
namespace {

struct Outcome {
  int status = -1;
  std::string output;  // stdout and stderr together
};

class CliTest : public ::testing::Test {
 protected:
  // Runs `kartla ARGS` in the test's folder.
  Outcome Kartla(const std::string& args) {
    std::string command = "cd '" + dir_.path().string() + "' && " +
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

  static std::string Data(const std::string& name) {
    return std::string(KARTLA_TEST_DATA) + "/" + name;
  }

  testing::TempDir dir_;
};

bool Has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST_F(CliTest, LoadsFinlandAndCountsByRegionAndSizeClass) {
  Outcome init = Kartla("init");
  ASSERT_EQ(init.status, 0) << init.output;
  EXPECT_TRUE(Has(init.output, "Created the database kartla.db"));

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
  std::string bytes_before = FileBytes("kartla.db");

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
  EXPECT_EQ(FileBytes("kartla.db"), bytes_before);
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
        "registry dimensions"}) {
    Outcome help = Kartla(std::string(command) + " --help");
    EXPECT_EQ(help.status, 0) << command;
    EXPECT_TRUE(Has(help.output, "Usage:")) << command << help.output;
  }
}

TEST_F(CliTest, ReadsTheConfigurationFileAndVariables) {
  std::ofstream(dir_.File("kartla.toml")) << "database = \"survey.db\"\n"
                                             "language = \"fi\"\n";
  ASSERT_EQ(Kartla("init").status, 0);
  EXPECT_TRUE(std::filesystem::exists(dir_.File("survey.db")));
  ASSERT_EQ(Kartla("registry load fi-2025").status, 0);
  Outcome fi = Kartla("registry list --dimension urban_rural");
  EXPECT_TRUE(Has(fi.output, "maaseutumaiset kunnat")) << fi.output;
  Outcome sv = Kartla("registry list --dimension urban_rural --lang sv");
  EXPECT_TRUE(Has(sv.output, "landsbygdskommuner")) << sv.output;
  std::ofstream(dir_.File("kartla.toml")) << "language = \"fr\"\n";
  Outcome bad = Kartla("registry versions");
  EXPECT_EQ(bad.status, 3);
  EXPECT_TRUE(Has(bad.output, "kartla.toml:1:12: error: language")) << bad.output;
  Outcome other_config = Kartla("--config /dev/null registry versions");
  EXPECT_EQ(other_config.status, 5) << other_config.output;  // kartla.db does not exist
}

TEST_F(CliTest, DemoSetsUpAFreshFolder) {
  Outcome demo = Kartla("demo --dir demo1 --port 8099");
  ASSERT_EQ(demo.status, 0) << demo.output;
  EXPECT_TRUE(Has(demo.output, "308 organisations"));
  EXPECT_TRUE(Has(demo.output, "308 organisations in 19 categories of region"));
  EXPECT_TRUE(Has(demo.output, "http://127.0.0.1:8099/"));
  EXPECT_TRUE(std::filesystem::exists(dir_.File("demo1/kartla.db")));
  Outcome again = Kartla("demo --dir demo1");
  EXPECT_EQ(again.status, 5) << again.output;
  Outcome fresh = Kartla("demo");
  ASSERT_EQ(fresh.status, 0) << fresh.output;
  EXPECT_TRUE(Has(fresh.output, "kartla-demo-"));
  EXPECT_EQ(Kartla("demo --port 70000").status, 2);
}

}  // namespace
}  // namespace kartla
