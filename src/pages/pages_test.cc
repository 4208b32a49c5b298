#include <gtest/gtest.h>

#include "pages/templates.h"

namespace kartla::pages {
namespace {

TEST(CatalogueTest, EveryMessageIsInThreeLanguages) {
  EXPECT_EQ(Catalogue::Builtin().Untranslated(), std::vector<std::string>{});
  EXPECT_EQ(Catalogue::Builtin().Get("page_of", Lang::kSv, {"3", "9"}), "Sida 3 av 9");
  EXPECT_EQ(Catalogue::Builtin().Get("no_such_key", Lang::kFi), "no_such_key");
}

TEST(TemplatesTest, EscapesValuesAndGivesHasFlags) {
  View view;
  view.Set("heading", "<script>alert(1)</script>");
  view.Set("text", "");
  std::string html = Templates::Builtin().Render("message", view, Lang::kEn);
  EXPECT_NE(html.find("&lt;script&gt;"), std::string::npos) << html;
  EXPECT_EQ(html.find("<script>"), std::string::npos);
}

}  // namespace
}  // namespace kartla::pages
