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

// A round's own wording: its facts filled in, its paragraphs kept apart in
// the HTML part (and escaped), the rest of the message the catalogue's.
TEST(MailTest, OwnWordingFillsItsPlaceholders) {
  MailFacts facts = Facts(MailKind::kReminder, Lang::kFi);
  facts.own_subject = "Muistathan: {survey} ({closes})";
  facts.own_body = "Hei taas {name}!\n{organisation} ei ole vastannut.\n\nKiitos <3";
  ComposedMail mail = ComposeMail(facts, {}, "m1");
  EXPECT_EQ(mail.subject, "Muistathan: Digi <2025> (2025-04-11)");
  EXPECT_NE(mail.text.find("Hei taas Anna <Ann> O'Brien & Co!\nNärpes \"N\" ei ole vastannut."
                           "\n\nKiitos <3"),
            std::string::npos)
      << mail.text;
  EXPECT_NE(mail.html.find("<p>Hei taas Anna &lt;Ann&gt; O&apos;Brien &amp; Co!<br>Närpes "
                           "&quot;N&quot; ei ole vastannut.</p><p>Kiitos &lt;3</p>"),
            std::string::npos)
      << mail.html;
  EXPECT_NE(mail.text.find("https://kartla.example/r/abc?x=1&y=2"), std::string::npos);
  EXPECT_NE(mail.text.find("Vastausaika päättyy 2025-04-11."), std::string::npos);
}

// The catalogue's wording as a team starts from it gives the same message
// as the catalogue itself.
TEST(MailTest, DefaultTextGivesTheCatalogueMessage) {
  for (MailKind kind : {MailKind::kInvitation, MailKind::kReminder, MailKind::kThanks}) {
    for (Lang lang : kAllLangs) {
      MailFacts facts = Facts(kind, lang);
      ComposedMail catalogue = ComposeMail(facts, {}, "m1");
      MailText text = DefaultMailText(kind, lang);
      EXPECT_EQ(WrongPlaceholder(text.subject), "") << text.subject;
      EXPECT_EQ(WrongPlaceholder(text.body), "") << text.body;
      EXPECT_NE(text.body.find("{survey}"), std::string::npos) << text.body;
      facts.own_subject = text.subject;
      facts.own_body = text.body;
      ComposedMail own = ComposeMail(facts, {}, "m1");
      EXPECT_EQ(own.subject, catalogue.subject);
      EXPECT_EQ(own.text, catalogue.text);
      EXPECT_EQ(own.html, catalogue.html);
    }
  }
}

TEST(MailTest, WrongPlaceholdersAreNamed) {
  EXPECT_EQ(WrongPlaceholder("Hei {name}, {organisation} {survey} {closes}"), "");
  EXPECT_EQ(WrongPlaceholder("Hei {nimi}!"), "{nimi}");
  EXPECT_EQ(WrongPlaceholder("Hei {name"), "{name");
  EXPECT_EQ(WrongPlaceholder("Hei {na{name}"), "{na");
  EXPECT_EQ(WrongPlaceholder("Hei name}"), "}");
  EXPECT_EQ(WrongPlaceholder("{}"), "{}");
  EXPECT_EQ(WrongPlaceholder(""), "");
  MailFacts facts = Facts(MailKind::kInvitation, Lang::kEn);
  EXPECT_EQ(FillPlaceholders("{name}/{organisation}/{survey}/{closes}/{x}/{", facts),
            "Anna <Ann> O'Brien & Co/Närpes \"N\"/Digi <2025>/2025-04-11/{x}/{");
}

}  // namespace
}  // namespace kartla::fieldwork
