// Composing mail from the templates of templates/mail/: the subject, the
// text part and the HTML part of each kind in each language, names with
// characters HTML must escape.
#include "fieldwork/mail.h"

#include <gtest/gtest.h>

#include "core/token.h"

namespace kartla::fieldwork {
namespace {

MailFacts Facts(MailKind kind, Lang lang) {
  MailFacts facts;
  facts.kind = kind;
  facts.lang = lang;
  facts.recipient_name = "Anna <Ann> O'Brien & Co";
  facts.recipient_email = "anna@example.org";
  facts.organisation = "Närpes \"N\"";
  facts.survey = "Digi <2025>";
  facts.link = "https://kartla.example/r/abc?x=1&y=2";
  facts.closes = kind == MailKind::kThanks ? "" : "2025-04-11";
  return facts;
}

TEST(MailTest, TextIsPlainAndHtmlIsEscaped) {
  ComposedMail mail = ComposeMail(Facts(MailKind::kInvitation, Lang::kEn), {}, "m1");
  EXPECT_EQ(mail.subject, "Invitation to answer: Digi <2025>");
  EXPECT_NE(mail.text.find("Dear Anna <Ann> O'Brien & Co,"), std::string::npos) << mail.text;
  EXPECT_NE(mail.text.find("https://kartla.example/r/abc?x=1&y=2"), std::string::npos);
  EXPECT_NE(mail.html.find("Anna &lt;Ann&gt;"), std::string::npos) << mail.html;
  EXPECT_NE(mail.html.find("x=1&amp;y=2"), std::string::npos) << mail.html;
  EXPECT_EQ(mail.html.find("<Ann>"), std::string::npos);
  EXPECT_NE(mail.message.find("<m1@localhost>"), std::string::npos) << mail.message;
}

// Every kind in every language, byte for byte as the templates gave them
// on 2026-12-02 (when mail.cc rendered with kainjow's own renderer; it now
// shares pages/' catalogue and renderer).
TEST(MailTest, EveryKindAndLanguageAsBefore) {
  std::string all;
  for (MailKind kind : {MailKind::kInvitation, MailKind::kReminder, MailKind::kThanks}) {
    for (Lang lang : kAllLangs) {
      ComposedMail mail = ComposeMail(Facts(kind, lang), {}, "m1");
      all += mail.subject + "\n--\n" + mail.text + "\n--\n" + mail.html + "\n==\n";
    }
  }
  EXPECT_EQ(Sha256Hex(all), "c9302c4f46c35f7de6f24433b4a309cf1086df1104b7fd2314e5fe469e85fa0d")
      << all;
}

}  // namespace
}  // namespace kartla::fieldwork
