// Debian's aiosmtpd as a real SMTP server for one test: started on a port,
// delivering every message it accepts into a maildir, stopped when the
// object goes.
#ifndef KARTLA_TESTS_SUPPORT_SMTP_SERVER_H_
#define KARTLA_TESTS_SUPPORT_SMTP_SERVER_H_

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace kartla::testing {

class SmtpServer {
 public:
  // Starts the server in `dir` (which must exist) and waits until it
  // accepts connections on `port`.
  SmtpServer(const std::filesystem::path& dir, int port)
      : maildir_(dir / "mail"), pid_file_((dir / "smtp.pid").string()) {
    for (const char* sub : {"new", "cur", "tmp"}) {
      std::filesystem::create_directories(maildir_ / sub);
    }
    std::string start = "cd '" + dir.string() +
                        "' && { /usr/bin/python3 -m aiosmtpd -n -l 127.0.0.1:" +
                        std::to_string(port) + " -c aiosmtpd.handlers.Mailbox '" +
                        maildir_.string() + "' 2>smtp.log & echo $! > smtp.pid; }";
    std::string wait = "/usr/bin/python3 -c \"import socket, time\n"
                       "for _ in range(100):\n"
                       "  try: socket.create_connection(('127.0.0.1', " +
                       std::to_string(port) + ")); break\n"
                       "  except OSError: time.sleep(0.1)\"";
    if (std::system(start.c_str()) != 0 || std::system(wait.c_str()) != 0) {
      throw std::runtime_error("cannot start aiosmtpd");
    }
  }
  ~SmtpServer() { std::system(("kill $(cat '" + pid_file_ + "')").c_str()); }
  SmtpServer(const SmtpServer&) = delete;
  SmtpServer& operator=(const SmtpServer&) = delete;

  // How many messages have been delivered.
  size_t Count() const {
    size_t count = 0;
    for ([[maybe_unused]] const auto& file :
         std::filesystem::directory_iterator(maildir_ / "new")) {
      ++count;
    }
    return count;
  }

  // Every delivered message, whole.
  std::vector<std::string> Messages() const {
    std::vector<std::string> messages;
    for (const auto& file : std::filesystem::directory_iterator(maildir_ / "new")) {
      std::ifstream in(file.path(), std::ios::binary);
      std::stringstream text;
      text << in.rdbuf();
      messages.push_back(text.str());
    }
    return messages;
  }

 private:
  std::filesystem::path maildir_;
  std::string pid_file_;
};

}  // namespace kartla::testing

#endif  // KARTLA_TESTS_SUPPORT_SMTP_SERVER_H_
