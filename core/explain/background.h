#pragma once
// The "average user" of a model over a set of users (all of a project's users, a group or a sample):
// what the average-user attribution baseline and the common/personal split of a score compare one
// user with (docs/explanations.md, "Baselines" and "Common and personal parts").
#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

#include "common/result.h"
#include "common/taskcontrol.h"
#include "data/dataset.h"
#include "engine/userprofile.h"
#include "model/modelfile.h"

namespace reclens {

struct UserBackground {
  std::size_t users = 0;  // profiles averaged (users with an empty history count for fields and ū only)
  std::size_t historyUsers = 0;  // profiles with a positive total history weight
  std::int64_t width = 0;        // H: width of the history and user field input rows
  std::int64_t dim = 0;          // D: width of the user vector
  // [H]: the mean over users of each user's weighted mean history input row, Σ_l w_l h_l / Σ_l w_l.
  std::vector<double> historyRow;
  // [F·H] row-major: the mean over users of their user_field_inputs rows.
  std::vector<double> fieldRows;
  // [D]: ū, the mean over users of their user_vector.
  std::vector<double> meanUserVector;
};

// Averages the model's inputs and user vectors over `count` users; `profileOf(i)` gives user i's
// profile in the model's vocabulary. Computed once and reused for every explanation of the same model
// and user set. Never throws: an empty set gives ErrorCode::Empty, an invalid profile
// ErrorCode::InvalidArgument, a cancelled `control` ErrorCode::Cancelled.
Result<UserBackground> computeUserBackground(const ModelFile& model, std::size_t count,
                                             const std::function<UserProfile(std::size_t)>& profileOf,
                                             const TaskControl& control = {});

// The background users of the sampled-users baseline (expected gradients): `k` users drawn with `seed`
// from the `count` users with a positive history weight (fewer when there are fewer), each summarised
// like an average of one user (their weighted mean history row, their field rows, their user vector).
// The same arguments always give the same users. Errors as computeUserBackground's; no user with a
// history gives ErrorCode::Empty.
Result<std::vector<UserBackground>> sampleUserBackgrounds(
    const ModelFile& model, std::size_t count, const std::function<UserProfile(std::size_t)>& profileOf,
    std::size_t k, std::uint64_t seed, const TaskControl& control = {});

// The dataset user rows whose value of user field `field` (an index into users.fields) equals user
// `user`'s, `user` included (a missing value groups with the missing ones): the users averaged for
// "the average user of their group". Empty when the field or the user is out of range.
std::vector<std::int32_t> usersSharingValue(const UserTable& users, int field, std::int32_t user);

// One item's score for one user split into what every user gets and what is this user's own:
// score = common + personal with common = v·ū and personal = v·(u − ū) (v the item's vector).
struct ScoreSplit {
  std::int32_t item = -1;
  double score = 0.0;     // u·v
  double common = 0.0;    // ū·v
  double personal = 0.0;  // (u − ū)·v
};

// The split of every item of `items` for `profile` against `background` (made from the same model).
// Never throws; invalid profiles, items or a background of another shape give InvalidArgument.
Result<std::vector<ScoreSplit>> splitScores(const ModelFile& model, const UserProfile& profile,
                                            const UserBackground& background,
                                            const std::vector<std::int32_t>& items);

}  // namespace reclens
