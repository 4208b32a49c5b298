#include "fieldwork/mail.h"

#include <algorithm>
#include <optional>
#include <sstream>

#include "core/csv.h"
#include "core/embedded.h"
#include "core/system_error.h"
#include "core/text.h"
#include "fieldwork/vmime_setup.h"
#include "pages/templates.h"

namespace kartla {
// Defined by the kartla_mail_templates library (cmake/embed.cmake).
std::span<const EmbeddedFile> MailTemplateFiles();
}  // namespace kartla

namespace kartla::fieldwork {
namespace {

// The mail's catalogue (templates/mail/messages.csv: plain texts with the
// facts as {{{name}}}, {{{survey}}}...) and its two templates, read and
// rendered as the pages' are (pages/templates.h).
struct MailTemplates {
  pages::Catalogue messages;
  pages::Template text;  // every value {{{raw}}}: a plain-text part
  pages::Template html;
};

const MailTemplates& Templates() {
  static const MailTemplates* templates = [] {
    std::optional<pages::Catalogue> messages;
    std::optional<pages::Template> text, html;
    auto parse = [](const EmbeddedFile& file) {
      auto parsed = pages::Template::Parse(std::string(file.contents));
      if (!parsed.ok()) {
        throw SystemError(std::string(file.path) + ": " + parsed.status().message());
      }
      return std::move(parsed).value();
    };
    for (const EmbeddedFile& file : MailTemplateFiles()) {
      std::string_view path = file.path;
      if (path.ends_with("messages.csv")) {
        auto parsed = pages::Catalogue::Parse(file.contents, file.path);
        if (!parsed.ok()) throw SystemError(parsed.status().ToString());
        messages.emplace(std::move(parsed).value());
      } else if (path.ends_with("text.mustache")) {
        text.emplace(parse(file));
      } else if (path.ends_with("html.mustache")) {
        html.emplace(parse(file));
      }
    }
    if (!messages || !text || !html) throw SystemError("the mail templates are incomplete");
    return new MailTemplates{std::move(*messages), std::move(*text), std::move(*html)};
  }();
  return *templates;
}

// A message of the catalogue with the facts written in. The texts are
// plain: escaping is left to the template they go into.
std::string Message(const std::string& key, const MailFacts& facts) {
  const LocalizedText* found = Templates().messages.Find(key);
  if (found == nullptr) throw SystemError("no mail message " + key);
  auto message = pages::Template::Parse(found->Get(facts.lang));
  if (!message.ok()) throw SystemError("mail message " + key + ": " + message.status().message());
  pages::View data;
  data.Set("name", facts.recipient_name);
  data.Set("organisation", facts.organisation);
  data.Set("survey", facts.survey);
  data.Set("closes", facts.closes);
  return message->Render(data, facts.lang);
}

// A catalogue message with {{{fact}}} written as the placeholder {fact}.
std::string AsPlaceholders(const std::string& key, Lang lang) {
  const LocalizedText* found = Templates().messages.Find(key);
  if (found == nullptr) throw SystemError("no mail message " + key);
  std::string text = found->Get(lang);
  for (std::string_view name : kMailPlaceholders) {
    std::string from = "{{{" + std::string(name) + "}}}";
    for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at)) {
      text.replace(at, from.size(), "{" + std::string(name) + "}");
    }
  }
  return text;
}

// The paragraphs of a text (parted by empty lines), each a list of lines,
// for the HTML part: {{#paragraphs}}…{{#lines}}{{text}}{{#more}}<br>…
pages::View Paragraphs(std::string_view text) {
  std::vector<std::vector<std::string>> parted(1);
  std::istringstream lines{std::string(text)};
  for (std::string line; std::getline(lines, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (Trim(line).empty()) {
      if (!parted.back().empty()) parted.emplace_back();
    } else {
      parted.back().push_back(std::move(line));
    }
  }
  pages::View paragraphs;
  paragraphs.List("paragraphs");
  for (const std::vector<std::string>& paragraph : parted) {
    if (paragraph.empty()) continue;
    pages::View view;
    view.List("lines");
    for (size_t i = 0; i < paragraph.size(); ++i) {
      pages::View line;
      line.Set("text", paragraph[i]);
      line.Set("more", i + 1 < paragraph.size());
      view.Add("lines", std::move(line));
    }
    paragraphs.Add("paragraphs", std::move(view));
  }
  return paragraphs;
}

}  // namespace

std::string WrongPlaceholder(std::string_view text) {
  for (size_t at = 0; at < text.size(); ++at) {
    if (text[at] == '}') return "}";
    if (text[at] != '{') continue;
    size_t end = text.find_first_of("{}", at + 1);
    if (end == std::string_view::npos || text[end] == '{') {
      return std::string(text.substr(at, std::min<size_t>(end - at, 20)));
    }
    std::string_view name = text.substr(at + 1, end - at - 1);
    if (std::find(std::begin(kMailPlaceholders), std::end(kMailPlaceholders), name) ==
        std::end(kMailPlaceholders)) {
      return std::string(text.substr(at, std::min<size_t>(end - at + 1, 40)));
    }
    at = end;
  }
  return "";
}

std::string FillPlaceholders(std::string_view text, const MailFacts& facts) {
  std::string filled;
  filled.reserve(text.size() + 64);
  for (size_t at = 0; at < text.size();) {
    size_t open = text.find('{', at);
    size_t close = open == std::string_view::npos ? open : text.find('}', open);
    if (close == std::string_view::npos) {
      filled.append(text.substr(at));
      break;
    }
    filled.append(text.substr(at, open - at));
    std::string_view name = text.substr(open + 1, close - open - 1);
    if (name == "name") {
      filled += facts.recipient_name;
    } else if (name == "organisation") {
      filled += facts.organisation;
    } else if (name == "survey") {
      filled += facts.survey;
    } else if (name == "closes") {
      filled += facts.closes;
    } else {
      filled.append(text.substr(open, close - open + 1));
    }
    at = close + 1;
  }
  return filled;
}

MailText DefaultMailText(MailKind kind, Lang lang) {
  std::string code(MailKindCode(kind));
  MailText text;
  text.kind = kind;
  text.lang = lang;
  text.subject = AsPlaceholders(code + "_subject", lang);
  text.body = AsPlaceholders(code + "_text", lang);
  return text;
}

ComposedMail ComposeMail(const MailFacts& facts, const MailSender& sender,
                         const std::string& message_id) {
  EnsureVmime();
  std::string kind(MailKindCode(facts.kind));
  ComposedMail mail;
  mail.subject = facts.own_subject.empty() ? Message(kind + "_subject", facts)
                                           : FillPlaceholders(facts.own_subject, facts);
  const std::string intro = facts.own_body.empty() ? Message(kind + "_text", facts)
                                                   : FillPlaceholders(facts.own_body, facts);
  pages::View data;
  data.Set("lang", std::string(LangCode(facts.lang)));
  data.Set("subject", mail.subject);
  // A kind's own wording of a part where the catalogue has one
  // ("password_link_text"), else the survey's.
  auto wording = [&](const std::string& key) {
    return Message(Templates().messages.Find(kind + "_" + key) ? kind + "_" + key : key, facts);
  };
  data.Set("greeting", Message("greeting", facts));
  data.Set("intro", intro);
  data.Set("intro_paragraphs", Paragraphs(intro));
  data.Set("link_text", wording("link_text"));
  data.Set("link_label", wording("link_label"));
  data.Set("link", facts.link);
  if (!facts.closes.empty()) data.Set("closes", wording("closes_text"));
  data.Set("personal", wording("personal_text"));
  std::string signature = Message("signature", facts);
  data.Set("signature", signature);
  data.List("signature_lines");
  std::istringstream signature_lines(signature);
  for (std::string line; std::getline(signature_lines, line);) {
    data.Add("signature_lines", pages::View::Text(line));
  }
  mail.text = Templates().text.Render(data, facts.lang);
  mail.html = Templates().html.Render(data, facts.lang);

  vmime::messageBuilder builder;
  const vmime::charset utf8(vmime::charsets::UTF_8);
  builder.setExpeditor(vmime::mailbox(vmime::text(sender.name, utf8),
                                      vmime::emailAddress(sender.address)));
  builder.getRecipients().appendAddress(vmime::make_shared<vmime::mailbox>(
      vmime::text(facts.recipient_name, utf8),
      vmime::emailAddress(facts.recipient_email)));
  builder.setSubject(vmime::text(mail.subject, utf8));
  builder.constructTextPart(
      vmime::mediaType(vmime::mediaTypes::TEXT, vmime::mediaTypes::TEXT_HTML));
  auto part = vmime::dynamicCast<vmime::htmlTextPart>(builder.getTextPart());
  part->setCharset(utf8);
  part->setText(vmime::make_shared<vmime::stringContentHandler>(mail.html));
  part->setPlainText(vmime::make_shared<vmime::stringContentHandler>(mail.text));
  auto message = builder.construct();
  auto header = message->getHeader();
  size_t at = sender.address.find('@');
  header->MessageId()->setValue(vmime::messageId(
      message_id, at == std::string::npos ? "localhost" : sender.address.substr(at + 1)));
  header->appendField(vmime::headerFieldFactory::getInstance()->create(
      "List-Unsubscribe", "<mailto:" + sender.address + "?subject=unsubscribe>"));
  header->appendField(vmime::headerFieldFactory::getInstance()->create(
      "Content-Language", std::string(LangCode(facts.lang))));
  mail.message = message->generate();
  return mail;
}

}  // namespace kartla::fieldwork
