// Holds keyed problems to the interface's catalogue (templates/messages.csv).
#ifndef KARTLA_TESTS_SUPPORT_CATALOGUED_H_
#define KARTLA_TESTS_SUPPORT_CATALOGUED_H_

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/problem.h"
#include "pages/templates.h"

namespace kartla::testing {

// Every problem is keyed, and the catalogue has its message in Finnish,
// Swedish and English, the English one word for word as the code wrote it,
// the translations with the arguments the English one uses: a page in any
// language shows the same problem.
inline void ExpectCatalogued(const std::vector<Problem>& problems) {
  const pages::Catalogue& catalogue = pages::Catalogue::Builtin();
  for (const Problem& problem : problems) {
    ASSERT_FALSE(problem.key.empty()) << "not keyed: " << problem.ToString();
    const LocalizedText* text = catalogue.Find("problem_" + problem.key);
    ASSERT_NE(text, nullptr) << "templates/messages.csv lacks problem_" << problem.key << ": "
                             << problem.message;
    EXPECT_FALSE(text->fi.empty() || text->sv.empty()) << problem.key;
    EXPECT_EQ(catalogue.Get("problem_" + problem.key, Lang::kEn, problem.args), problem.message)
        << "problem_" << problem.key;
    for (size_t i = 0; i < problem.args.size(); ++i) {
      std::string placeholder = "{" + std::to_string(i) + "}";
      bool in_english = text->en.find(placeholder) != std::string::npos;
      EXPECT_EQ(text->fi.find(placeholder) != std::string::npos, in_english)
          << "problem_" << problem.key << " (fi) " << placeholder;
      EXPECT_EQ(text->sv.find(placeholder) != std::string::npos, in_english)
          << "problem_" << problem.key << " (sv) " << placeholder;
    }
  }
}

}  // namespace kartla::testing

#endif  // KARTLA_TESTS_SUPPORT_CATALOGUED_H_
