// The release's settings (results.toml), as the release page and
// `kartla publish` read them: every problem at its place, in the page's
// language.
#include "app/results_config.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "pages/templates.h"
#include "tests/support/catalogued.h"

namespace kartla {
namespace {

TEST(ResultsConfigTest, ReadsTheSettingsGiven) {
  auto config = ReadResultsConfig(
      "[disclosure]\nk = 5\n[weighting]\nclasses = [\"size_class\"]\n"
      "[publication]\nlicence = { fi = \"CC BY 4.0 (fi)\", en = \"CC BY 4.0\" }\n",
      "results.toml");
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  EXPECT_EQ(config->rules.k, 5);
  EXPECT_EQ(config->classing.dimensions, std::vector<std::string>{"size_class"});
  EXPECT_EQ(config->licence.Get(Lang::kFi), "CC BY 4.0 (fi)");
}

// One text meets every problem the settings can have; each is keyed, at
// its line and column, and the catalogue has it in three languages.
TEST(ResultsConfigTest, EveryProblemIsAtItsPlaceAndInEachLanguage) {
  auto config = ReadResultsConfig(
      "colour = 1\n"                    // 1
      "[disclosure]\n"                  // 2
      "k = 0\n"                         // 3
      "shade = 2\n"                     // 4
      "[weighting]\n"                   // 5
      "classes = [1]\n"                 // 6
      "[merging]\n"                     // 7
      "size_class = 3\n"                // 8
      "[publication]\n"                 // 9
      "licence_url = \"ftp://x\"\n"     // 10
      "publisher = 3\n"                 // 11
      "motto = \"x\"\n"                 // 12
      "[[per_inhabitant]]\n"            // 13
      "multiplier = -1\n"               // 14
      "weights = 1\n"                   // 15
      "[[headline]]\n"                  // 16
      "question = \"\"\n"               // 17
      "size = 1\n"                      // 18
      "[[index]]\n"                     // 19
      "name = 3\n"                      // 20
      "label = \"x\"\n"                 // 21
      "weights = [\"a\"]\n",            // 22
      "results.toml");
  ASSERT_FALSE(config.ok());
  const std::vector<Problem>& problems = config.status().problems();
  testing::ExpectCatalogued(problems);
  std::set<std::string> keys;
  for (const Problem& problem : problems) keys.insert(problem.key);
  EXPECT_EQ(keys, (std::set<std::string>{
                      "results_no_such_section", "results_whole_number", "results_no_such_setting",
                      "results_texts", "results_weighting_classes", "results_merging",
                      "results_licence_url", "results_localized", "results_no_such_setting_of",
                      "results_multiplier", "results_per_inhabitant_needs", "results_name",
                      "results_headline_needs", "results_text", "results_labels", "results_numbers",
                      "results_index_needs"}));
  std::set<std::string> shown;
  for (const Problem& problem : problems) shown.insert(problem.ToString());
  EXPECT_TRUE(shown.count("results.toml:3:5: error: disclosure.k: give a whole number from 1 to 1000"))
      << ::testing::PrintToString(shown);
  EXPECT_TRUE(shown.count("results.toml:12:9: error: publication.motto: no such setting (there "
                          "are: publisher, contact, licence, licence_url)"))
      << ::testing::PrintToString(shown);
  // The same problem on a Finnish page.
  const pages::Catalogue& catalogue = pages::Catalogue::Builtin();
  for (const Problem& problem : problems) {
    if (problem.key != "results_whole_number") continue;
    EXPECT_EQ(catalogue.Get("problem_" + problem.key, Lang::kFi, problem.args),
              "disclosure.k: anna kokonaisluku väliltä 1–1000");
  }
}

TEST(ResultsConfigTest, TextThatIsNotTomlIsRefusedAtItsPlace) {
  auto config = ReadResultsConfig("[disclosure]\nk = = 3\n", "results.toml");
  ASSERT_FALSE(config.ok());
  ASSERT_EQ(config.status().problems().size(), 1u);
  const Problem& problem = config.status().problems().front();
  testing::ExpectCatalogued({problem});
  EXPECT_EQ(problem.place.row, 2);
  EXPECT_EQ(problem.key, "results_not_toml");
  EXPECT_TRUE(problem.message.starts_with("not TOML: ")) << problem.message;
}

}  // namespace
}  // namespace kartla
