#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <kainjow/mustache.hpp>

#include "core/system_error.h"
#include "pages/templates.h"

namespace kartla::pages {
namespace {

TEST(CatalogueTest, EveryMessageIsInThreeLanguages) {
  EXPECT_EQ(Catalogue::Builtin().Untranslated(), std::vector<std::string>{});
  EXPECT_EQ(Catalogue::Builtin().Get("page_of", Lang::kSv, {"3", "9"}), "Sida 3 av 9");
  EXPECT_EQ(Catalogue::Builtin().Get("no_such_key", Lang::kFi), "no_such_key");
}

// A message naming one argument twice has it both times: the published
// methods page once said "or {0} or more" where it meant the threshold.
TEST(CatalogueTest, FillsEveryPlaceOfAnArgument) {
  const Catalogue& catalogue = Catalogue::Builtin();
  for (Lang lang : {Lang::kFi, Lang::kSv, Lang::kEn}) {
    std::string rule = catalogue.Get("res_disclosure_rule", lang, {"5", "10"});
    EXPECT_EQ(rule.find('{'), std::string::npos) << rule;
  }
  EXPECT_THAT(catalogue.Get("res_disclosure_rule", Lang::kEn, {"5", "10"}),
              ::testing::HasSubstr("a few, or 5 or more. A group of fewer than 5 respondents"));
}

// A translation that leaves out an argument (or names another) would show
// a message without its figure or name: such a catalogue is refused.
TEST(CatalogueTest, RefusesATranslationNamingOtherArguments) {
  EXPECT_TRUE(Catalogue::Parse("key,fi,sv,en\nk,{1} ja {0},{0} och {1},{0} and {1}\n", "m.csv").ok());
  auto dropped = Catalogue::Parse("key,fi,sv,en\nk,{0},{0} och {1},{0} and {1}\n", "m.csv");
  ASSERT_FALSE(dropped.ok());
  EXPECT_EQ(dropped.status().message(),
            "m.csv:2: the fi message of k names other arguments ({0}, {1}...) than the English one");
  auto added = Catalogue::Parse("key,fi,sv,en,se\nk,{0},{0},{0},{1}\n", "m.csv");
  ASSERT_FALSE(added.ok());
  EXPECT_THAT(added.status().message(), ::testing::HasSubstr("the se message of k"));
  EXPECT_TRUE(Catalogue::Parse("key,fi,sv,en,se\nk,{0},{0},{0},\n", "m.csv").ok())
      << "an added language may leave a message to English";
}

// A language is added to the interface as a column headed by its tag; a
// message left empty there is given in English.
TEST(CatalogueTest, TakesAColumnForEachLanguageAdded) {
  auto catalogue = Catalogue::Parse(
      "key,fi,sv,en,se\n"
      "back,Takaisin,Tillbaka,Back,Ruovttoluotta\n"
      "next,Seuraava,Nästa,Next,\n",
      "messages.csv");
  ASSERT_TRUE(catalogue.ok()) << catalogue.status().ToString();
  Lang se = *LanguageOfTag("se");
  EXPECT_TRUE(catalogue->Speaks(se));
  EXPECT_TRUE(catalogue->Speaks(Lang::kSv));
  EXPECT_FALSE(catalogue->Speaks(*LanguageOfTag("et")));
  EXPECT_FALSE(Catalogue::Builtin().Speaks(se)) << "none is shipped";
  EXPECT_EQ(catalogue->Get("back", se), "Ruovttoluotta");
  EXPECT_EQ(catalogue->Get("next", se), "Next");
  EXPECT_EQ(catalogue->Get("next", Lang::kFi), "Seuraava");

  auto bad = Catalogue::Parse("key,fi,sv,en,Klingon\nback,a,b,c,d\n", "messages.csv");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(),
            "messages.csv:1:5: \"Klingon\" is not the tag of a language to add (such as se or et)");
  EXPECT_FALSE(Catalogue::Parse("key,en,sv,fi\nback,a,b,c\n", "m.csv").ok())
      << "the three in their order";
  // A key given twice would have one of its texts shown and the other lost.
  auto twice = Catalogue::Parse("key,fi,sv,en\nback,a,b,c\nnext,d,e,f\nback,g,h,i\n", "m.csv");
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.status().message(), "m.csv:4: the key back is given twice");
}

TEST(TemplatesTest, EscapesValuesAndGivesHasFlags) {
  View view;
  view.Set("heading", "<script>alert(1)</script>");
  view.Set("text", "");
  std::string html = Templates::Builtin().Render("message", view, Lang::kEn);
  EXPECT_NE(html.find("&lt;script&gt;"), std::string::npos) << html;
  EXPECT_EQ(html.find("<script>"), std::string::npos);
}

namespace ms = kainjow::mustache;

// The View as kainjow's own data, to render with kainjow's own renderer.
ms::data ToData(const View& view) {
  switch (view.kind()) {
    case View::Kind::kText: return ms::data(view.text());
    case View::Kind::kFlag:
      return ms::data(view.flag() ? ms::data::type::bool_true : ms::data::type::bool_false);
    case View::Kind::kList: {
      ms::data list = ms::data::type::list;
      for (const View& item : view.items()) list.push_back(ToData(item));
      return list;
    }
    case View::Kind::kObject: break;
  }
  ms::data object = ms::data::type::object;
  for (const auto& [key, value] : view.fields()) object.set(key, ToData(value));
  return object;
}

std::string Ours(const std::string& source, const View& view) {
  auto parsed = Template::Parse(source);
  EXPECT_TRUE(parsed.ok()) << parsed.status().ToString();
  return parsed.ok() ? parsed->Render(view, Lang::kEn) : "";
}

std::string Kainjows(const std::string& source, const View& view) {
  ms::mustache parsed{source};
  EXPECT_TRUE(parsed.is_valid()) << parsed.error_message();
  return parsed.render(ToData(view));
}

TEST(TemplateTest, RendersAsKainjowDoes) {
  View view;
  view.Set("name", "Ahvenanmaa & <Åland> \"q\" 'a'");
  view.Set("empty", "");
  view.Set("yes", true);
  view.Set("no", false);
  view.List("none");
  view.Add("words", View::Text("yksi")).Add("words", View::Text("två"));
  View first, second;
  first.Set("label", "First").Set("checked", true);
  first.Set("inner", View().Set("deep", "in first"));
  second.Set("label", "Second").Set("checked", false);
  view.Add("items", first).Add("items", second);
  view.Set("nested", View().Set("deep", View().Set("er", "deepest")));
  const std::vector<std::string> sources = {
      "plain text\nwith lines\r\nand CRLF\n",
      "{{name}}|{{{name}}}|{{&name}}|{{missing}}|{{empty}}|{{yes}}",
      "{{#yes}}Y{{/yes}}{{^yes}}not Y{{/yes}}{{#no}}N{{/no}}{{^no}}not N{{/no}}",
      "{{#empty}}empty text is true{{/empty}}{{#missing}}M{{/missing}}{{^missing}}no M{{/missing}}",
      "<ul>\n  {{#items}}\n  <li>{{label}}{{#checked}} checked{{/checked}} {{name}}</li>\n  {{/items}}\n</ul>\n",
      "{{#words}}[{{.}}]{{/words}}{{^none}}nothing{{/none}}{{#none}}never{{/none}}",
      "{{nested.deep.er}} {{nested.deep.missing}} {{#nested}}{{deep.er}}{{/nested}}",
      "{{#items}}{{#inner}}{{deep}} {{label}}{{/inner}}{{/items}}",
      "  {{#yes}}  \n  indented\n  {{/yes}}  \n\t{{^no}}\n{{! a comment }}\n{{/no}}\nend",
      "{{#nested}}{{.}}{{/nested}} {{#name}}({{.}}){{/name}} line without newline  {{#yes}} {{/yes}}",
      "{{=<% %>=}}<% name %> {{name}} <%={{ }}=%>{{name}}",
  };
  for (const std::string& source : sources) {
    EXPECT_EQ(Ours(source, view), Kainjows(source, view)) << source;
  }
}

TEST(TemplateTest, GivesHasFlagsAndMessages) {
  View view;
  view.Set("text", "x").Set("blank", "").List("list");
  view.Add("full", View::Text("a"));
  EXPECT_EQ(Ours("{{#has_text}}T{{/has_text}}{{#has_blank}}B{{/has_blank}}"
                 "{{^has_list}}L{{/has_list}}{{#has_full}}F{{/has_full}}{{#has_none}}N{{/has_none}}",
                 view),
            "TLF");
  EXPECT_EQ(Ours("{{t.page_of}}|{{t.no_such_message}}", view), "Page {0} of {1}|");
}

// A section prepared over the fixed part of its data renders as the merged
// data does: names that vary, names only the outer views have, sections
// over fixed lists with varying names inside, lines holding only section
// tags, and the built-in questionnaire templates.
TEST(TemplateTest, PreparedSectionsRenderAsTheMergedView) {
  const std::string source =
      "<p>{{title}}</p>\n"
      "{{#blocks}}{{#item}}<div id=\"{{id}}\"{{#has_error}} class=\"bad\"{{/has_error}}>\n"
      "{{#has_hint}}<i>{{hint}}</i>{{/has_hint}}\n"
      "{{#has_error}}\n<b>{{error}} {{id}} {{t.back}}</b>\n{{/has_error}}\n"
      "{{#choices}}\n<input id=\"{{id}}\" value=\"{{value}}\"{{#checked}} checked{{/checked}}>{{label}} {{title}} {{note}} {{error}}\n"
      "{{/choices}}\n"
      "{{^choices}}none{{/choices}}{{#is_ack}}<a{{#checked}} on{{/checked}}>{{/is_ack}}\n"
      "<input value=\"{{value}}\"{{#has_value}} filled{{/has_value}}>{{.}}\n"
      "{{/item}}{{/blocks}}end\n";
  auto parsed = Template::Parse(source);
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  // A varying name may also be fixed: the varying value, where set, wins.
  const Template::Varying varying = {{"value", "checked", "has_error", "error"},
                                     {"checked", "note"}};
  for (bool ack : {false, true}) {
    for (bool error : {false, true}) {
      // The fixed part; with `checked`, the merged view a page builds
      // without preparing.
      auto item = [&](bool merged) {
        View view;
        view.Set("id", "f-q").Set("hint", ack ? "" : "A <hint>").Set("is_ack", ack);
        view.Set("error", "fixed error");
        if (!ack) {
          int i = 0;
          for (const char* name : {"a", "b", "c"}) {
            View choice;
            choice.Set("id", std::string("f-q-") + name).Set("value", name).Set("label", name);
            choice.Set("note", "fixed note");
            if (merged) {
              choice.Set("checked", i == 1);
              if (i == 1) choice.Set("note", "varied note");
              ++i;
            }
            view.Add("choices", std::move(choice));
          }
        }
        return view;
      };
      auto vary = [&](View& view) {
        view.Set("value", error ? "b" : "").Set("has_error", error);
        if (error) view.Set("error", "Wrong & <bad>");
        if (ack) view.Set("checked", error);
      };
      auto page = [&](View in_block) {
        View block;
        block.Set("item", std::move(in_block));
        View root;
        root.Set("title", "T & T");
        root.Add("blocks", std::move(block));
        return root;
      };
      View merged = item(true);
      vary(merged);

      auto fragment = parsed->Prepare({"blocks", "item"}, item(false), varying, Lang::kEn);
      View prepared = View::Prepared(*fragment);
      vary(prepared);
      View off = View().Set("checked", false);
      if (const View* choices = fragment->fixed().Field("choices")) {
        for (size_t i = 0; i < choices->items().size(); ++i) {
          if (i == 1) {
            prepared.Overlay(choices->items()[i],
                             View().Set("checked", true).Set("note", "varied note"));
          } else {
            prepared.Overlay(choices->items()[i], &off);  // shared
          }
        }
      }
      EXPECT_EQ(parsed->Render(page(std::move(prepared)), Lang::kEn),
                parsed->Render(page(std::move(merged)), Lang::kEn))
          << "ack " << ack << " error " << error;
    }
  }
  // A prepared view in another section is a mistake that shows.
  auto fragment = parsed->Prepare({"blocks", "item"}, View(), varying, Lang::kEn);
  View elsewhere;
  elsewhere.Set("blocks", View::Prepared(*fragment));
  EXPECT_THROW(parsed->Render(elsewhere, Lang::kEn), SystemError);
  EXPECT_THROW(parsed->Prepare({"blocks", "missing"}, View(), varying, Lang::kEn), SystemError);
}

TEST(TemplateTest, RefusesBrokenTemplates) {
  EXPECT_FALSE(Template::Parse("{{#open}} never closed").ok());
  EXPECT_FALSE(Template::Parse("{{/closed}}").ok());
  EXPECT_FALSE(Template::Parse("{{> some_partial}}").ok());
}

}  // namespace
}  // namespace kartla::pages
