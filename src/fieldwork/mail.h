// Mail to contacts: composing invitations, reminders and thank-you
// messages (multipart text and HTML in the contact's language), and sending
// them over SMTP. Both with VMime, kept inside mail.cc and smtp.cc.
#ifndef KARTLA_FIELDWORK_MAIL_H_
#define KARTLA_FIELDWORK_MAIL_H_

#include <functional>
#include <memory>
#include <stdexcept>
#include <string>

#include "core/text.h"
#include "fieldwork/invitation.h"

namespace kartla::fieldwork {

struct MailSender {
  std::string address = "kartla@localhost";
  std::string name = "Kartla";
};

// What a message says, filled in from the invitation and its contact.
struct MailFacts {
  MailKind kind = MailKind::kInvitation;
  Lang lang = Lang::kFi;
  std::string recipient_name;
  std::string recipient_email;
  std::string organisation;  // its name in `lang`
  std::string survey;        // the questionnaire's title in `lang`
  std::string link;          // the personal link
  std::string closes;        // the last day to answer; may be empty
  // The round's own wording (MailText) of the subject and of the opening
  // text; empty: the catalogue's.
  std::string own_subject;
  std::string own_body;
};

// The facts a round's own mail text may name, each as {name}.
inline constexpr std::string_view kMailPlaceholders[] = {"name", "organisation", "survey",
                                                          "closes"};
// The first piece of `text` that is no placeholder: "{kunta}" (unknown or
// unfinished, "{sur"), or a lone "}"; "" if every brace is one of
// kMailPlaceholders.
std::string WrongPlaceholder(std::string_view text);
// `text` with each placeholder replaced by its fact.
std::string FillPlaceholders(std::string_view text, const MailFacts& facts);
// The catalogue's wording of a kind's subject and opening text in `lang`,
// with the facts as placeholders: what a round's own text starts from.
MailText DefaultMailText(MailKind kind, Lang lang);

struct ComposedMail {
  std::string subject;
  std::string text;
  std::string html;
  std::string message;  // the whole message as sent (RFC 5322, CRLF lines)
};

// Composes a message from the mail templates (templates/mail/): subject,
// a text and an HTML part as multipart/alternative in UTF-8, names and
// subject encoded for headers as RFC 2047 has it, with `message_id` as its
// Message-ID and a List-Unsubscribe header that mails the sender.
ComposedMail ComposeMail(const MailFacts& facts, const MailSender& sender,
                         const std::string& message_id);

// A failure to send; permanent when the server refused the message or the
// recipient for good (a 5xx reply), so that it should not be tried again;
// unreachable when no connection to the server could be made, which says
// nothing of the message.
class MailError : public std::runtime_error {
 public:
  MailError(const std::string& what, bool permanent, bool unreachable = false)
      : std::runtime_error(what), permanent_(permanent), unreachable_(unreachable) {}
  bool permanent() const { return permanent_; }
  bool unreachable() const { return unreachable_; }

 private:
  bool permanent_;
  bool unreachable_;
};

struct SmtpSettings {
  std::string host = "localhost";
  int port = 25;
  std::string security = "starttls";  // none, starttls, tls
  std::string username;               // empty: no authentication
  std::string password;
};

// Sends messages over one connection, opened when first needed. Not
// thread-safe.
class MailTransport {
 public:
  virtual ~MailTransport() = default;
  // Sends `message` to `recipient`; returns once the server has accepted
  // it, with the server's answer (SMTP: its reply to the message's end,
  // "250 2.0.0 Ok: queued as …"). Throws MailError.
  virtual std::string Send(const MailSender& sender, const std::string& recipient,
                           const std::string& message) = 0;
};

std::unique_ptr<MailTransport> MakeSmtpTransport(const SmtpSettings& settings);

}  // namespace kartla::fieldwork

#endif  // KARTLA_FIELDWORK_MAIL_H_
