// expr.cpp — a recursive-descent parser into a small tree; evaluation walks it.
#include "ivr/expr.h"

#include <cctype>
#include <charconv>
#include <cstdlib>

namespace plateau::ivr {

namespace {

bool name_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.'; }

double to_number(std::string_view s) {
  double v = 0;
  std::from_chars(s.data(), s.data() + s.size(), v);
  return v;
}

}  // namespace

bool is_number(std::string_view s) {
  if (s.empty()) return false;
  size_t i = s[0] == '-' ? 1 : 0;
  bool digit = false, dot = false;
  for (; i < s.size(); ++i) {
    if (std::isdigit(static_cast<unsigned char>(s[i]))) digit = true;
    else if (s[i] == '.' && !dot) dot = true;
    else return false;
  }
  return digit;
}

// ---- parser -----------------------------------------------------------------

class ExprParser {
 public:
  ExprParser(std::string_view text, std::vector<Expr::Node>& nodes) : s_(text), nodes_(nodes) {}

  Result<int> parse() {
    int root = expr();
    if (!error_.empty()) return make_error("ivr.expr", error_);
    skip();
    if (pos_ < s_.size()) return make_error("ivr.expr", at() + "unexpected \"" + std::string(s_.substr(pos_, 1)) + "\"");
    return root;
  }

 private:
  using Node = Expr::Node;
  using Kind = Expr::Kind;

  std::string at() const { return "column " + std::to_string(pos_ + 1) + ": "; }
  void fail(const std::string& what) {
    if (error_.empty()) error_ = at() + what;
  }
  void skip() {
    while (pos_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[pos_]))) ++pos_;
  }
  bool keyword(std::string_view k) {
    skip();
    if (s_.substr(pos_, k.size()) != k) return false;
    size_t end = pos_ + k.size();
    if (end < s_.size() && name_char(s_[end])) return false;
    pos_ = end;
    return true;
  }
  int add(Node n) {
    nodes_.push_back(std::move(n));
    return static_cast<int>(nodes_.size()) - 1;
  }

  int expr() {
    int a = conj();
    while (error_.empty() && keyword("or")) a = add({Kind::Or, {}, {}, a, conj()});
    return a;
  }
  int conj() {
    int a = unary();
    while (error_.empty() && keyword("and")) a = add({Kind::And, {}, {}, a, unary()});
    return a;
  }
  int unary() {
    if (++depth_ > 64) {
      fail("expression nested too deeply");
      return -1;
    }
    int r;
    if (keyword("not")) {
      r = add({Kind::Not, {}, {}, unary(), -1});
    } else if (skip(), pos_ < s_.size() && s_[pos_] == '(') {
      ++pos_;
      r = expr();
      skip();
      if (pos_ >= s_.size() || s_[pos_] != ')') fail("expected \")\"");
      else ++pos_;
    } else {
      r = comparison();
    }
    --depth_;
    return r;
  }
  int comparison() {
    int a = operand();
    if (!error_.empty()) return a;
    skip();
    static constexpr std::pair<std::string_view, Expr::Op> kOps[] = {
        {"==", Expr::Op::Eq}, {"!=", Expr::Op::Ne}, {"<=", Expr::Op::Le},
        {">=", Expr::Op::Ge}, {"<", Expr::Op::Lt},  {">", Expr::Op::Gt}};
    for (const auto& [text, op] : kOps) {
      if (s_.substr(pos_, text.size()) == text) {
        pos_ += text.size();
        skip();
        if (pos_ >= s_.size()) {
          fail("expected an operand after \"" + std::string(text) + "\"");
          return -1;
        }
        int b = operand();
        return add({Kind::Cmp, op, {}, a, b});
      }
    }
    return add({Kind::Truth, {}, {}, a, -1});
  }
  int operand() {
    skip();
    if (pos_ >= s_.size()) {
      fail("expected an attribute, a \"string\" or a number");
      return -1;
    }
    const char c = s_[pos_];
    if (c == '"') {
      std::string v;
      size_t i = pos_ + 1;
      for (; i < s_.size() && s_[i] != '"'; ++i) {
        if (s_[i] == '\\' && i + 1 < s_.size()) ++i;
        v += s_[i];
      }
      if (i >= s_.size()) {
        fail("unterminated string");
        return -1;
      }
      pos_ = i + 1;
      return add({Kind::Literal, {}, std::move(v)});
    }
    if (std::isdigit(static_cast<unsigned char>(c)) || c == '-') {
      size_t i = pos_ + 1;
      while (i < s_.size() && (std::isdigit(static_cast<unsigned char>(s_[i])) || s_[i] == '.')) ++i;
      std::string v(s_.substr(pos_, i - pos_));
      if (!is_number(v)) {
        fail("bad number \"" + v + "\"");
        return -1;
      }
      pos_ = i;
      return add({Kind::Literal, {}, std::move(v)});
    }
    if (name_start(c)) {
      size_t i = pos_;
      while (i < s_.size() && name_char(s_[i])) ++i;
      std::string v(s_.substr(pos_, i - pos_));
      if (v == "and" || v == "or" || v == "not") {
        fail("expected an attribute, a \"string\" or a number, got \"" + v + "\"");
        return -1;
      }
      pos_ = i;
      return add({Kind::Name, {}, std::move(v)});
    }
    fail("expected an attribute, a \"string\" or a number");
    return -1;
  }

  std::string_view s_;
  std::vector<Node>& nodes_;
  size_t pos_ = 0;
  int depth_ = 0;
  std::string error_;
};

Result<Expr> compile_expr(std::string_view text) {
  Expr e;
  e.text_ = std::string(text);
  bool blank = true;
  for (char c : text) blank = blank && std::isspace(static_cast<unsigned char>(c));
  if (blank) return make_error("ivr.expr", "column 1: empty condition");
  ExprParser p(text, e.nodes_);
  auto root = p.parse();
  if (!root) return root.error();
  e.root_ = *root;
  return e;
}

// ---- evaluation -------------------------------------------------------------

std::string_view Expr::operand(int i, const Attributes& attrs) const {
  const Node& n = nodes_[i];
  if (n.kind == Kind::Literal) return n.value;
  auto it = attrs.find(n.value);
  return it == attrs.end() ? std::string_view() : std::string_view(it->second);
}

bool Expr::eval_node(int i, const Attributes& attrs) const {
  const Node& n = nodes_[i];
  switch (n.kind) {
    case Kind::Or: return eval_node(n.a, attrs) || eval_node(n.b, attrs);
    case Kind::And: return eval_node(n.a, attrs) && eval_node(n.b, attrs);
    case Kind::Not: return !eval_node(n.a, attrs);
    case Kind::Truth: {
      std::string_view v = operand(n.a, attrs);
      return !(v.empty() || v == "0" || v == "false" || v == "no");
    }
    case Kind::Cmp: {
      std::string_view a = operand(n.a, attrs), b = operand(n.b, attrs);
      int c;
      if (is_number(a) && is_number(b)) {
        double x = to_number(a), y = to_number(b);
        c = x < y ? -1 : (x > y ? 1 : 0);
      } else {
        c = a.compare(b);
        c = c < 0 ? -1 : (c > 0 ? 1 : 0);
      }
      switch (n.op) {
        case Op::Eq: return c == 0;
        case Op::Ne: return c != 0;
        case Op::Lt: return c < 0;
        case Op::Le: return c <= 0;
        case Op::Gt: return c > 0;
        case Op::Ge: return c >= 0;
      }
      return false;
    }
    case Kind::Name:
    case Kind::Literal:
      break;
  }
  return false;
}

bool Expr::eval(const Attributes& attrs) const { return root_ >= 0 && eval_node(root_, attrs); }

std::vector<std::string> Expr::names() const {
  std::vector<std::string> v;
  for (const Node& n : nodes_)
    if (n.kind == Kind::Name) v.push_back(n.value);
  return v;
}

// ---- templates --------------------------------------------------------------

Result<Template> compile_template(std::string_view text) {
  Template t;
  t.text_ = std::string(text);
  std::string lit;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '{' && i + 1 < text.size() && text[i + 1] == '{') {
      lit += '{';
      ++i;
      continue;
    }
    if (text[i] == '}' && i + 1 < text.size() && text[i + 1] == '}') {
      lit += '}';
      ++i;
      continue;
    }
    if (text[i] != '{') {
      lit += text[i];
      continue;
    }
    size_t end = text.find('}', i);
    if (end == std::string_view::npos)
      return make_error("ivr.template", "column " + std::to_string(i + 1) + ": \"{\" without \"}\"");
    std::string_view name = text.substr(i + 1, end - i - 1);
    bool ok = !name.empty() && name_start(name[0]);
    for (char c : name) ok = ok && name_char(c);
    if (!ok)
      return make_error("ivr.template", "column " + std::to_string(i + 2) + ": bad attribute name \"" +
                                            std::string(name) + "\"");
    if (!lit.empty()) t.parts_.push_back({false, std::move(lit)});
    lit.clear();
    t.parts_.push_back({true, std::string(name)});
    i = end;
  }
  if (!lit.empty()) t.parts_.push_back({false, std::move(lit)});
  return t;
}

std::string Template::render(const Attributes& attrs) const {
  std::string out;
  for (const Part& p : parts_) {
    if (!p.name) {
      out += p.value;
      continue;
    }
    auto it = attrs.find(p.value);
    if (it != attrs.end()) out += it->second;
  }
  return out;
}

std::vector<std::string> Template::names() const {
  std::vector<std::string> v;
  for (const Part& p : parts_)
    if (p.name) v.push_back(p.value);
  return v;
}

}  // namespace plateau::ivr
