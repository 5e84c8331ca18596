// The file a recording path of a call record names: always under the data
// directory (or an absolute recording.dir), whatever the path holds.
#include <gtest/gtest.h>

#include "app/recording_purge.h"

namespace plateau::app {
namespace {

TEST(RecordingFile, StaysUnderTheDataDirectory) {
  EXPECT_EQ(recording_file("/srv/data", "", "recordings/2026/12/01/c-1.wav"), "/srv/data/recordings/2026/12/01/c-1.wav");
  EXPECT_EQ(recording_file("data", "", "recordings/a.wav"), "data/recordings/a.wav");
  EXPECT_EQ(recording_file("/srv/data", "", ""), "");
  EXPECT_EQ(recording_file("/srv/data", "", "../plateau.db"), "");
  EXPECT_EQ(recording_file("/srv/data", "", "recordings/../../etc/passwd"), "");
  EXPECT_EQ(recording_file("/srv/data", "", "./recordings/a.wav"), "");
  EXPECT_EQ(recording_file("/srv/data", "", "/etc/passwd"), "");
}

TEST(RecordingFile, AnAbsoluteRecordingDirectory) {
  EXPECT_EQ(recording_file("/srv/data", "/var/rec", "/var/rec/2026/12/01/c-1.wav"), "/var/rec/2026/12/01/c-1.wav");
  EXPECT_EQ(recording_file("/srv/data", "/var/rec", "/var/record/x.wav"), "");
  EXPECT_EQ(recording_file("/srv/data", "/var/rec", "/var/rec/../etc/passwd"), "");
  EXPECT_EQ(recording_file("/srv/data", "/var/rec", "/etc/passwd"), "");
}

}  // namespace
}  // namespace plateau::app
