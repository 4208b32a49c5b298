// The real `kartla` binary as a process of its own, for tests that kill it,
// flood it or measure it.
#ifndef KARTLA_TESTS_SUPPORT_SERVER_PROCESS_H_
#define KARTLA_TESTS_SUPPORT_SERVER_PROCESS_H_

#include <fcntl.h>
#include <spawn.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <exception>
#include <string>
#include <thread>

#include "tests/support/http_client.h"

extern char** environ;

namespace kartla::testing {

// Runs a shell command; returns what it wrote to standard output.
inline std::string RunCommand(const std::string& command) {
  std::string output;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return output;
  char buffer[4096];
  size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) output.append(buffer, n);
  pclose(pipe);
  return output;
}

// Starts `program serve --port PORT` in `dir`, its output in dir/serve.log;
// returns its pid once it answers (or after ten seconds).
inline pid_t StartServer(const std::string& program, const std::string& dir, int port) {
  std::string binary = program;
  std::string port_text = std::to_string(port);
  std::string log = dir + "/serve.log";
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_APPEND,
                                   0644);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  posix_spawn_file_actions_addchdir_np(&actions, dir.c_str());
  char* argv[] = {binary.data(), const_cast<char*>("serve"), const_cast<char*>("--port"),
                  port_text.data(), nullptr};
  pid_t pid = 0;
  posix_spawn(&pid, binary.c_str(), &actions, nullptr, argv, environ);
  posix_spawn_file_actions_destroy(&actions);
  for (int i = 0; i < 200; ++i) {
    try {
      if (HttpClient(port).Get("/").status == 200) return pid;
    } catch (const std::exception&) {
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return pid;
}

}  // namespace kartla::testing

#endif  // KARTLA_TESTS_SUPPORT_SERVER_PROCESS_H_
