// expr.h — conditions and texts over a call's attributes (IVR `branch` and
// `set` steps).
//
// Attributes are strings by name ("customer.found", "account.balance",
// "reason"); a missing attribute reads as "".
//
// Condition grammar (keywords lower-case, names [A-Za-z_][A-Za-z0-9_.]*):
//   expr    := and ("or" and)*
//   and     := unary ("and" unary)*
//   unary   := "not" unary | "(" expr ")" | operand [op operand]
//   op      := "==" | "!=" | "<" | "<=" | ">" | ">="
//   operand := name | "string" | number (e.g. -12.5)
// Two operands that both read as decimal numbers compare as numbers, others as
// strings (byte order). A bare operand is true unless it is "", "0", "false"
// or "no".
//
// A Template is a text with {name} substitutions ("{customer.name}"); "{{"
// and "}}" are literal braces.
//
// Pure; compiled once when a flow is parsed, evaluated without allocation
// beyond the result. Any thread.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace plateau::ivr {

using Attributes = std::map<std::string, std::string, std::less<>>;

class Expr {
 public:
  bool eval(const Attributes& attrs) const;
  const std::string& text() const { return text_; }
  // Attribute names the expression reads.
  std::vector<std::string> names() const;

 private:
  friend Result<Expr> compile_expr(std::string_view text);
  friend class ExprParser;
  enum class Kind { Name, Literal, Cmp, And, Or, Not, Truth };
  enum class Op { Eq, Ne, Lt, Le, Gt, Ge };
  struct Node {
    Kind kind;
    Op op = Op::Eq;
    std::string value;  // name or literal
    int a = -1, b = -1;
  };
  std::string_view operand(int i, const Attributes& attrs) const;
  bool eval_node(int i, const Attributes& attrs) const;
  std::vector<Node> nodes_;
  int root_ = -1;
  std::string text_;
};

// Errors: "ivr.expr" with the column (1-based) and what was expected, e.g.
// `column 12: expected an operand after "=="`.
Result<Expr> compile_expr(std::string_view text);

class Template {
 public:
  std::string render(const Attributes& attrs) const;
  const std::string& text() const { return text_; }
  std::vector<std::string> names() const;

 private:
  friend Result<Template> compile_template(std::string_view text);
  struct Part {
    bool name = false;
    std::string value;
  };
  std::vector<Part> parts_;
  std::string text_;
};

// Errors: "ivr.template" (an unclosed or empty {name}, a bad name), with the column.
Result<Template> compile_template(std::string_view text);

// True for a text that reads as a decimal number ("12", "-3.50").
bool is_number(std::string_view s);

}  // namespace plateau::ivr
