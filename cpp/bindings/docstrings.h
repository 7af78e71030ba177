// The docstrings of the ops bound in C++ (Google style: summary, Args,
// Returns, Raises, Example). Their examples run as doctests
// (tests/test_docstrings.py), so they have to stay true.
#pragma once
#include <string>

namespace nnlite::py_bind {

// The docstring of nnlite.<name> (and Tensor.<name>), "" when there is none
// yet. The pointer stays valid for the life of the process.
const char* doc_of(const std::string& name);

// Tables filled by the docstrings_*.cpp files.
void add_op_docs(void (*add)(const std::string& name, std::string doc));
void add_creation_docs(void (*add)(const std::string& name, std::string doc));
// Keys "Tensor.<name>" are methods without a function of that name (or with a
// different calling form): docstrings_tensor.cpp and docstrings_methods.cpp.
void add_tensor_docs(void (*add)(const std::string& name, std::string doc));
void add_method_docs(void (*add)(const std::string& name, std::string doc));
void add_index_docs(void (*add)(const std::string& name, std::string doc));
void add_random_docs(void (*add)(const std::string& name, std::string doc));

// The Examples section of a docstring: one doctest call and what it prints.
inline std::string example(const std::string& call, const std::string& result) {
  return "\nExamples:\n    >>> import nnlite\n    >>> " + call + "\n    " + result + "\n";
}

}  // namespace nnlite::py_bind
