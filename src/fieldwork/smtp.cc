// MailTransport over SMTP with VMime.
#include <vmime/security/cert/defaultCertificateVerifier.hpp>

#include <filesystem>
#include <fstream>
#include <cstring>
#include <sstream>

#include "fieldwork/mail.h"
#include "fieldwork/vmime_setup.h"

namespace kartla::fieldwork {
namespace {

// The message as a stream that runs a callback when it is about to report
// its end, before the SMTP client writes the end-of-data mark.
class HookedStream final : public vmime::utility::inputStream {
 public:
  HookedStream(const std::string& data, const std::function<void()>& before_end)
      : data_(data), before_end_(before_end) {}

  bool eof() const override {
    if (position_ < data_.size()) return false;
    if (!hooked_) {
      hooked_ = true;
      before_end_();
    }
    return true;
  }
  void reset() override { position_ = 0; }
  size_t read(vmime::byte_t* const out, const size_t count) override {
    size_t n = std::min(count, data_.size() - position_);
    std::memcpy(out, data_.data() + position_, n);
    position_ += n;
    if (n == 0) eof();
    return n;
  }
  size_t skip(const size_t count) override {
    size_t n = std::min(count, data_.size() - position_);
    position_ += n;
    return n;
  }

 private:
  const std::string& data_;
  const std::function<void()>& before_end_;
  size_t position_ = 0;
  mutable bool hooked_ = false;
};

// Trusts the system's certificate authorities.
vmime::shared_ptr<vmime::security::cert::certificateVerifier> SystemVerifier() {
  auto verifier =
      vmime::make_shared<vmime::security::cert::defaultCertificateVerifier>();
  std::vector<vmime::shared_ptr<vmime::security::cert::X509Certificate>> roots;
  std::ifstream bundle("/etc/ssl/certs/ca-certificates.crt", std::ios::binary);
  std::stringstream pem;
  pem << bundle.rdbuf();
  std::string text = pem.str();
  const std::string end = "-----END CERTIFICATE-----";
  size_t start = 0;
  while (true) {
    size_t begin = text.find("-----BEGIN CERTIFICATE-----", start);
    if (begin == std::string::npos) break;
    size_t stop = text.find(end, begin);
    if (stop == std::string::npos) break;
    std::string one = text.substr(begin, stop + end.size() - begin);
    auto certificate = vmime::security::cert::X509Certificate::import(
        reinterpret_cast<const vmime::byte_t*>(one.data()), one.size());
    if (certificate) roots.push_back(certificate);
    start = stop + end.size();
  }
  verifier->setX509RootCAs(roots);
  return verifier;
}

class SmtpTransport final : public MailTransport {
 public:
  explicit SmtpTransport(SmtpSettings settings) : settings_(std::move(settings)) {
    EnsureVmime();
  }

  ~SmtpTransport() override {
    try {
      if (transport_ && transport_->isConnected()) transport_->disconnect();
    } catch (const vmime::exception&) {
      // Closing a broken connection; nothing to do.
    }
  }

  void Send(const MailSender& sender, const std::string& recipient,
            const std::string& message,
            const std::function<void()>& before_end) override {
    try {
      Connect();
      vmime::mailboxList recipients;
      recipients.appendMailbox(
          vmime::make_shared<vmime::mailbox>(vmime::emailAddress(recipient)));
      HookedStream stream(message, before_end);
      transport_->send(vmime::mailbox(vmime::emailAddress(sender.address)),
                       recipients, stream, message.size());
    } catch (const vmime::exceptions::command_error& e) {
      // The server replied with a refusal: permanent if 5xx.
      std::string reply = e.response();
      bool permanent = !reply.empty() && reply[0] == '5';
      Drop();
      throw MailError(std::string(e.what()) + ": " + reply, permanent);
    } catch (const vmime::exception& e) {
      Drop();
      throw MailError(e.what(), false);
    }
  }

 private:
  void Connect() {
    if (transport_ && transport_->isConnected()) return;
    auto session = vmime::net::session::create();
    bool smtps = settings_.security == "tls";
    vmime::utility::url url(smtps ? "smtps" : "smtp", settings_.host, settings_.port);
    transport_ = session->getTransport(url);
    bool starttls = settings_.security == "starttls";
    transport_->setProperty("connection.tls", starttls);
    transport_->setProperty("connection.tls.required", starttls);
    if (!settings_.username.empty()) {
      transport_->setProperty("options.need-authentication", true);
      transport_->setProperty("auth.username", settings_.username);
      transport_->setProperty("auth.password", settings_.password);
    }
    if (smtps || starttls) transport_->setCertificateVerifier(SystemVerifier());
    transport_->connect();
  }

  void Drop() {
    try {
      if (transport_) transport_->disconnect();
    } catch (const vmime::exception&) {
      // The connection is broken already.
    }
    transport_.reset();
  }

  const SmtpSettings settings_;
  vmime::shared_ptr<vmime::net::transport> transport_;
};

}  // namespace

std::unique_ptr<MailTransport> MakeSmtpTransport(const SmtpSettings& settings) {
  return std::make_unique<SmtpTransport>(settings);
}

}  // namespace kartla::fieldwork
