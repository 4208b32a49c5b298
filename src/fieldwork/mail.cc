#include "fieldwork/mail.h"

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

}  // namespace

ComposedMail ComposeMail(const MailFacts& facts, const MailSender& sender,
                         const std::string& message_id) {
  EnsureVmime();
  std::string kind(MailKindCode(facts.kind));
  ComposedMail mail;
  mail.subject = Message(kind + "_subject", facts);
  pages::View data;
  data.Set("lang", std::string(LangCode(facts.lang)));
  data.Set("subject", mail.subject);
  data.Set("greeting", Message("greeting", facts));
  data.Set("intro", Message(kind + "_text", facts));
  data.Set("link_text", Message("link_text", facts));
  data.Set("link_label", Message("link_label", facts));
  data.Set("link", facts.link);
  if (!facts.closes.empty()) data.Set("closes", Message("closes_text", facts));
  data.Set("personal", Message("personal_text", facts));
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
