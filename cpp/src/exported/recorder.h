// The op side of export recording (nnlite/export.h).
//
// Each exportable op opens an OpScope at entry and, when reporting() says it
// is the outermost op of an active recording, reports its call: graph op
// name, tensor inputs (undefined for an absent optional one), attributes in
// the graph file's format (cpp/src/exported/ops_*.cpp parse them) and
// outputs. Ops an op calls internally run at a deeper scope and report
// nothing, so each call is recorded once, as itself. With no recorder on the
// thread an OpScope costs one thread-local load and a branch.
//
// Symbolic sizes (Python only): a size read from x.shape of a graph value is
// a TracedDim int that remembers (value, dim). The bindings' shape
// conversion hands those sources to the recorder with note_sizes(shape,
// sources) just before calling the op; the op's report_shaped() uses them
// when its shape equals the noted one, and the note is dropped when the
// outermost op returns, so it never reaches a later op.
#pragma once
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "io/json.h"
#include "nnlite/export.h"
#include "nnlite/ops.h"

namespace nnlite::exported {

extern thread_local Recorder* t_active;  // this thread's recorder, usually null
extern thread_local int t_depth;         // nesting of OpScopes while t_active is set

inline bool recording_active() { return t_active != nullptr; }
// True inside the outermost op of a recording: the op should report.
inline bool reporting() { return t_active != nullptr && t_depth == 1; }

class OpScope {
 public:
  OpScope() : on_(t_active != nullptr) {
    if (on_) ++t_depth;
  }
  ~OpScope() {
    if (on_) leave();
  }
  OpScope(const OpScope&) = delete;
  OpScope& operator=(const OpScope&) = delete;

 private:
  static void leave();
  bool on_;
};

// ---- attributes ------------------------------------------------------------
using Json = io::json::Value;
using NodeAttrs = std::vector<std::pair<const char*, Json>>;
inline Json jint(int64_t v) { return Json::integer(v); }
inline Json jnum(double v) { return Json::number(v); }
inline Json jbool(bool v) { return Json::boolean(v); }
inline Json jstr(std::string v) { return Json::string(std::move(v)); }
Json jints(const std::vector<int64_t>& v);
inline Json jpair(const Pair& p) { return jints({p[0], p[1]}); }
Json jnums(const std::vector<double>& v);
Json jscalar(const Scalar& s);  // keeps its kind: true / 1 / 1.0
Json jdtype(DType t);

// ---- reports (call only when reporting()) ------------------------------------
// A node `op` reading `inputs` and giving `outputs`, when some input is a
// graph value (else nothing: the outputs are constants). A Python number
// operand (a wrapped 0-d tensor) becomes a "scalar" node. An output that is
// an input itself (x.contiguous(), eval dropout) is an alias, not a node.
void report(const char* op, const TensorList& inputs, const TensorList& outputs, NodeAttrs attrs = {});
// The same for ops with a "shape" attribute (reshape, expand, full): sizes
// noted by the bindings as read from a graph value become {"dim_of", "dim"}
// references (and make a node even without graph-value inputs); sizes
// computed by arithmetic on them are refused. `x` may be undefined (full);
// `display` names the op in messages.
void report_shaped(const char* op, const char* display, const Tensor& x, const Shape& shape,
                   const TensorList& outputs, NodeAttrs attrs = {});
// `out` holds the same values as `in` (detach, clone): the same graph value.
void report_alias(const Tensor& out, const Tensor& in);
// Throws ExportError naming `op` when an input is a graph value; `why`
// replaces the default "is not supported in exported graphs".
void refuse(const char* op, const TensorList& inputs, const char* why = nullptr);
// `t` was computed from `inputs` but has no graph counterpart (the indices of
// max_pool2d): when an input is a graph value, a later op or output reading
// t throws ExportError with `message`.
void poison(const Tensor& t, const TensorList& inputs, const char* message);
// Throws ExportError "export: <op> <why>" when the bindings noted sizes of
// `shape` that follow a graph value (random ops sized like an input).
void refuse_sized(const char* op, const Shape& shape, const char* why);
// `target` was overwritten with `result` (assign_, copy_): it now holds
// result's value, and other graph values over its memory go stale.
void report_assign(const Tensor& target, const Tensor& result, const char* op);

#define NNLITE_REPORT(...)                                                    \
  do {                                                                        \
    if (::nnlite::exported::reporting()) ::nnlite::exported::report(__VA_ARGS__); \
  } while (0)

// ---- the bindings' side channel ----------------------------------------------
struct SizeSource {
  enum Kind { Fixed, Traced, Derived } kind = Fixed;
  std::string value;  // Traced: the graph value it was read from
  int64_t dim = 0;
};
// The graph value name of x on this thread's recording, if x is one.
std::optional<std::string> value_name(const Tensor& x);
// Remember where each size of `shape` came from (see the file comment).
void note_sizes(const Shape& shape, std::vector<SizeSource> sources);
// The next shaped op gets x's shape, each size traced to x when x is a graph value.
void note_shape_of(const Tensor& x);

}  // namespace nnlite::exported
