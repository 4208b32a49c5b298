#include "fieldwork/mail.h"

#include <kainjow/mustache.hpp>

#include <map>
#include <mutex>
#include <sstream>

#include "core/csv.h"
#include "core/embedded.h"
#include "core/system_error.h"
#include "core/text.h"
#include "fieldwork/vmime_setup.h"

namespace kartla {
// Defined by the kartla_mail_templates library (cmake/embed.cmake).
std::span<const EmbeddedFile> MailTemplateFiles();
}  // namespace kartla

namespace kartla::fieldwork {
namespace {

namespace ms = kainjow::mustache;

struct MailTemplates {
  std::map<std::string, LocalizedText> messages;
  std::string text;
  std::string html;
};

const MailTemplates& Templates() {
  static const MailTemplates* templates = [] {
    auto* loaded = new MailTemplates();
    for (const EmbeddedFile& file : MailTemplateFiles()) {
      std::string_view path = file.path;
      if (path.ends_with("messages.csv")) {
        auto table = ParseCsv(file.contents, file.path);
        if (!table.ok()) throw SystemError(table.status().ToString());
        for (const CsvRecord& record : table->records) {
          loaded->messages[record.fields[0]] =
              LocalizedText{record.fields[1], record.fields[2], record.fields[3]};
        }
      } else if (path.ends_with("text.mustache")) {
        loaded->text = std::string(file.contents);
      } else if (path.ends_with("html.mustache")) {
        loaded->html = std::string(file.contents);
      }
    }
    return loaded;
  }();
  return *templates;
}

// A message of the catalogue with the facts written in. The texts are
// plain: escaping is left to the template they go into.
std::string Message(const std::string& key, const MailFacts& facts) {
  const auto& messages = Templates().messages;
  auto found = messages.find(key);
  if (found == messages.end()) throw SystemError("no mail message " + key);
  ms::mustache message(found->second.Get(facts.lang));
  ms::data data;
  data.set("name", facts.recipient_name);
  data.set("organisation", facts.organisation);
  data.set("survey", facts.survey);
  data.set("closes", facts.closes);
  message.set_custom_escape([](const std::string& s) { return s; });
  return message.render(data);
}


}  // namespace

ComposedMail ComposeMail(const MailFacts& facts, const MailSender& sender,
                         const std::string& message_id) {
  EnsureVmime();
  std::string kind(MailKindCode(facts.kind));
  ComposedMail mail;
  mail.subject = Message(kind + "_subject", facts);
  ms::data data;
  data.set("lang", std::string(LangCode(facts.lang)));
  data.set("subject", mail.subject);
  data.set("greeting", Message("greeting", facts));
  data.set("intro", Message(kind + "_text", facts));
  data.set("link_text", Message("link_text", facts));
  data.set("link_label", Message("link_label", facts));
  data.set("link", facts.link);
  if (!facts.closes.empty()) data.set("closes", Message("closes_text", facts));
  data.set("personal", Message("personal_text", facts));
  std::string signature = Message("signature", facts);
  data.set("signature", signature);
  ms::data lines = ms::data::type::list;
  std::istringstream signature_lines(signature);
  for (std::string line; std::getline(signature_lines, line);) {
    lines.push_back(ms::data(line));
  }
  data.set("signature_lines", lines);

  ms::mustache text(Templates().text);
  text.set_custom_escape([](const std::string& s) { return s; });
  mail.text = text.render(data);
  ms::mustache html(Templates().html);
  mail.html = html.render(data);

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
