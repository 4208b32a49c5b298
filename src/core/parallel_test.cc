#include "core/parallel.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace kartla {
namespace {

TEST(ParallelForTest, CallsEachIndexOnceWithAnyNumberOfThreads) {
  for (unsigned threads : {1u, 2u, 3u, 8u, 0u}) {
    std::vector<std::atomic<int>> calls(1000);
    ParallelFor(calls.size(), [&](size_t i) { ++calls[i]; }, threads);
    for (size_t i = 0; i < calls.size(); ++i) {
      ASSERT_EQ(calls[i].load(), 1) << "index " << i << " with " << threads << " threads";
    }
  }
  ParallelFor(0, [](size_t) { FAIL() << "no index to call"; }, 4);
}

TEST(ParallelForTest, UsesSeveralThreadsWhenAsked) {
  std::atomic<int> inside{0}, most{0};
  ParallelFor(
      2,
      [&](size_t) {
        int now = ++inside;
        for (int seen = most; seen < now && !most.compare_exchange_weak(seen, now);) {
        }
        // Each waits (a bounded while) for the other to be inside too.
        for (int spin = 0; spin < 2000 && most < 2; ++spin) {
          std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
        --inside;
      },
      2);
  EXPECT_EQ(most.load(), 2);
}

TEST(ParallelForTest, RethrowsTheLowestIndexThatThrew) {
  for (unsigned threads : {1u, 2u, 4u}) {
    try {
      ParallelFor(
          100,
          [](size_t i) {
            if (i == 7 || i == 8) throw std::runtime_error("index " + std::to_string(i));
          },
          threads);
      FAIL() << "no exception with " << threads << " threads";
    } catch (const std::runtime_error& error) {
      // Indices are handed out in order: when 8 throws, 7 has been
      // handed out and runs to its end, whichever throws first.
      EXPECT_STREQ(error.what(), "index 7") << threads << " threads";
    }
  }
}

TEST(ParallelForTest, TheEnvironmentSetsTheDefault) {
  ::setenv("KARTLA_THREADS", "3", 1);
  EXPECT_EQ(DefaultThreads(), 3u);
  for (const char* bad : {"0", "-2", "two", "", "4x"}) {
    ::setenv("KARTLA_THREADS", bad, 1);
    EXPECT_GE(DefaultThreads(), 1u) << bad;
    EXPECT_EQ(DefaultThreads(), std::max(1u, std::thread::hardware_concurrency())) << bad;
  }
  ::unsetenv("KARTLA_THREADS");
}

}  // namespace
}  // namespace kartla
