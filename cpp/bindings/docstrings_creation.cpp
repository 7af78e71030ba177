// Docstrings of the factory functions. Those that take torch's keyword
// arguments (dtype, device, requires_grad, generator) through **kwargs begin
// with the signature line that pybind11 cannot write for them; creation.cpp
// binds them with pybind11's own signature switched off, and stubgen reads
// the line.
#include <string>

#include "docstrings.h"

namespace nnlite::py_bind {

namespace {

using Add = void (*)(const std::string&, std::string);

const std::string kT = "nnlite._C.Tensor";
const std::string kOpts =
    "dtype: nnlite._C.dtype | None = None, device: nnlite._C.device | str | None = None, "
    "requires_grad: bool = False";
const std::string kGen = ", generator: nnlite._C.Generator | None = None";
const std::string kOptArgs =
    "    dtype (dtype | None): the element type; float32 by default.\n"
    "    device (device | str | None): where the tensor lives; the CPU by default.\n"
    "    requires_grad (bool): record operations on it for autograd.\n";
const std::string kGenArg = "    generator (Generator | None): the random generator; the default one if None.\n";

void sized(Add add, const std::string& name, const std::string& summary, bool random, const std::string& call,
           const std::string& result) {
  add(name, name + "(*size: int | collections.abc.Sequence[int], " + kOpts + (random ? kGen : "") + ") -> " + kT +
                "\n\n" + summary + "\n\nArgs:\n    *size (int | Sequence[int]): the shape, as ints or one sequence "
                "(or size=...).\n" + kOptArgs + (random ? kGenArg : "") + "\nReturns:\n    Tensor: of that shape.\n" +
                example(call, result));
}

void like(Add add, const std::string& name, const std::string& summary, bool random, const std::string& call,
          const std::string& result) {
  add(name, name + "(input: " + kT + ", " + kOpts + (random ? kGen : "") + ") -> " + kT + "\n\n" + summary +
                " with input's shape (and its dtype and device unless given).\n\nArgs:\n    input (Tensor): the "
                "tensor whose shape is taken.\n" + kOptArgs + (random ? kGenArg : "") +
                "\nReturns:\n    Tensor: input's shape.\n" + example(call, result));
}

}  // namespace

void add_creation_docs(Add add) {
  sized(add, "zeros", "A tensor filled with 0.", false, "nnlite.zeros(2, 3).tolist()",
        "[[0.0, 0.0, 0.0], [0.0, 0.0, 0.0]]");
  sized(add, "ones", "A tensor filled with 1.", false, "nnlite.ones((2,), dtype=nnlite.int64).tolist()", "[1, 1]");
  sized(add, "empty", "A new tensor (filled with 0 in nnlite: no uninitialised memory reaches Python).", false,
        "nnlite.empty(2).shape", "(2,)");
  sized(add, "rand", "Uniform random numbers in [0, 1).", true, "nnlite.rand(2, 3).shape", "(2, 3)");
  sized(add, "randn", "Standard normal random numbers (mean 0, variance 1).", true, "nnlite.randn(4).shape", "(4,)");
  like(add, "zeros_like", "Zeros", false, "nnlite.zeros_like(nnlite.ones(2)).tolist()", "[0.0, 0.0]");
  like(add, "ones_like", "Ones", false, "nnlite.ones_like(nnlite.zeros(2)).tolist()", "[1.0, 1.0]");
  like(add, "empty_like", "A new tensor (zeros)", false, "nnlite.empty_like(nnlite.ones(3)).shape", "(3,)");
  like(add, "rand_like", "Uniform random numbers in [0, 1)", true, "nnlite.rand_like(nnlite.ones(3)).shape", "(3,)");
  like(add, "randn_like", "Standard normal random numbers", true, "nnlite.randn_like(nnlite.ones(3)).shape",
       "(3,)");
  add("full", "full(size: int | collections.abc.Sequence[int], fill_value: float | int | bool, " + kOpts + ") -> " +
                  kT + "\n\nA tensor filled with fill_value.\n\nArgs:\n    size (int | Sequence[int]): the shape.\n"
                  "    fill_value (number): the value of every element; its type sets the dtype when none is "
                  "given.\n" + kOptArgs + "\nReturns:\n    Tensor: of that shape.\n" +
                  example("nnlite.full((2,), 7.0).tolist()", "[7.0, 7.0]"));
  add("full_like", "full_like(input: " + kT + ", fill_value: float | int | bool, " + kOpts + ") -> " + kT +
                       "\n\nA tensor of input's shape filled with fill_value.\n\nArgs:\n    input (Tensor): the "
                       "tensor whose shape is taken.\n    fill_value (number): the value of every element.\n" +
                       kOptArgs + "\nReturns:\n    Tensor: input's shape.\n" +
                       example("nnlite.full_like(nnlite.zeros(2), 3).tolist()", "[3.0, 3.0]"));
  add("arange", "arange(start: float | int, end: float | int | None = None, step: float | int = 1, " + kOpts +
                    ") -> " + kT + "\n\nThe numbers start, start + step, ... below end (arange(n): 0 .. n-1).\n\n"
                    "Args:\n    start (number): the first value; the end when end is None.\n    end (number | "
                    "None): the bound, not included.\n    step (number): the spacing.\n" + kOptArgs +
                    "\nReturns:\n    Tensor: 1-d; int64 when all of start, end and step are ints.\n" +
                    example("nnlite.arange(1, 7, 2).tolist()", "[1, 3, 5]"));
  add("linspace", "linspace(start: float, end: float, steps: int, " + kOpts + ") -> " + kT +
                      "\n\nsteps evenly spaced numbers from start to end, both included.\n\nArgs:\n    start "
                      "(float): the first value.\n    end (float): the last value.\n    steps (int): how many.\n" +
                      kOptArgs + "\nReturns:\n    Tensor: [steps].\n" +
                      example("nnlite.linspace(0, 1, 3).tolist()", "[0.0, 0.5, 1.0]"));
  add("eye", "eye(n: int, m: int | None = None, " + kOpts + ") -> " + kT +
                 "\n\nThe identity matrix: ones on the diagonal.\n\nArgs:\n    n (int): rows.\n    m (int | None): "
                 "columns; n by default.\n" + kOptArgs + "\nReturns:\n    Tensor: [n, m].\n" +
                 example("nnlite.eye(2).tolist()", "[[1.0, 0.0], [0.0, 1.0]]"));
  add("randint", "randint(*args: int | collections.abc.Sequence[int], " + kOpts + kGen +
                     ") -> " + kT + "\n\nUniform random integers in [low, high); called as randint(high, size) or "
                     "randint(low, high, size).\n\nArgs:\n    low (int): the smallest value (0 if left out).\n    "
                     "high (int): one above the largest value.\n    size (int | Sequence[int]): the shape.\n" +
                     kOptArgs + kGenArg + "\nReturns:\n    Tensor: int64 of that shape.\n" +
                     example("str(nnlite.randint(0, 10, (3,)).dtype)", "'nnlite.int64'"));
  add("randperm", "randperm(n: int, " + kOpts + kGen + ") -> " + kT +
                      "\n\nA random permutation of 0 .. n-1.\n\nArgs:\n    n (int): how many.\n" + kOptArgs +
                      kGenArg + "\nReturns:\n    Tensor: int64 [n].\n" +
                      example("sorted(nnlite.randperm(4).tolist())", "[0, 1, 2, 3]"));
  add("tensor", "A tensor holding a copy of data (nested lists, numbers or a NumPy array).\n\nArgs:\n    data: "
                "nested Python lists or numbers, or an array.\n    dtype (dtype | None): the element type; inferred "
                "from data when None (float32 for floats, int64 for ints).\n    device (device | str | None): where "
                "the tensor lives.\n    requires_grad (bool): record operations on it for autograd.\n\nReturns:\n    "
                "Tensor: data's shape.\n\nRaises:\n    ValueError: data is ragged.\n    TypeError: data holds "
                "something other than numbers.\n" +
                    example("nnlite.tensor([[1, 2], [3, 4]]).shape", "(2, 2)"));
}

}  // namespace nnlite::py_bind
