#include "acd/requirement.h"

#include <algorithm>
#include <cctype>
#include <optional>

namespace plateau::acd {

namespace {

enum class Tok { Name, Number, Op, LParen, RParen, And, Or, Not, End, Bad };

struct Token {
  Tok kind = Tok::End;
  std::string text;
  size_t column = 0;  // 1-based
};

std::vector<Token> tokenize(std::string_view s) {
  std::vector<Token> out;
  size_t i = 0;
  while (i < s.size()) {
    const char c = s[i];
    const size_t col = i + 1;
    if (std::isspace(static_cast<unsigned char>(c))) {
      ++i;
    } else if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
      size_t j = i;
      while (j < s.size() && (std::isalnum(static_cast<unsigned char>(s[j])) || s[j] == '_')) ++j;
      std::string w(s.substr(i, j - i));
      Tok k = w == "and" ? Tok::And : w == "or" ? Tok::Or : w == "not" ? Tok::Not : Tok::Name;
      out.push_back({k, std::move(w), col});
      i = j;
    } else if (std::isdigit(static_cast<unsigned char>(c))) {
      size_t j = i;
      while (j < s.size() && std::isdigit(static_cast<unsigned char>(s[j]))) ++j;
      out.push_back({Tok::Number, std::string(s.substr(i, j - i)), col});
      i = j;
    } else if (c == '(' || c == ')') {
      out.push_back({c == '(' ? Tok::LParen : Tok::RParen, std::string(1, c), col});
      ++i;
    } else if (c == '>' || c == '<' || c == '=' || c == '!') {
      const bool two = i + 1 < s.size() && s[i + 1] == '=';
      std::string op(s.substr(i, two ? 2 : 1));
      out.push_back({op == "=" || op == "!" ? Tok::Bad : Tok::Op, op, col});
      i += two ? 2 : 1;
    } else {
      out.push_back({Tok::Bad, std::string(1, c), col});
      ++i;
    }
  }
  out.push_back({Tok::End, "", s.size() + 1});
  return out;
}

// Recursive descent producing postfix code; `emit` receives each instruction.
class Parser {
 public:
  struct Item {
    enum Kind { Cmp, And, Or, Not } kind;
    std::string skill;
    std::string op;
    int level = 0;
  };

  Parser(std::string_view text, std::vector<Token> toks) : text_(text), toks_(std::move(toks)) {}

  Result<std::vector<Item>> run() {
    if (peek().kind == Tok::End) return std::vector<Item>{};
    if (!expr()) return error_;
    if (peek().kind != Tok::End) {
      fail(peek(), "expected \"and\", \"or\" or the end");
      return error_;
    }
    return std::move(items_);
  }

  const std::vector<std::string>& words() const { return words_; }

 private:
  const Token& peek() const { return toks_[pos_]; }
  const Token& take() {
    words_.push_back(toks_[pos_].text);
    return toks_[pos_++];
  }
  bool fail(const Token& at, const std::string& what) {
    const std::string got = at.kind == Tok::End ? std::string("the end") : "\"" + at.text + "\"";
    error_ = make_error("acd.requirement", "column " + std::to_string(at.column) + ": " + what + ", found " +
                                               got + " in \"" + std::string(text_) + "\"");
    return false;
  }

  bool expr() {
    if (!conj()) return false;
    while (peek().kind == Tok::Or) {
      take();
      if (!conj()) return false;
      items_.push_back({Item::Or, "", "", 0});
    }
    return true;
  }
  bool conj() {
    if (!unary()) return false;
    while (peek().kind == Tok::And) {
      take();
      if (!unary()) return false;
      items_.push_back({Item::And, "", "", 0});
    }
    return true;
  }
  bool unary() {
    const Token& t = peek();
    if (t.kind == Tok::Not) {
      take();
      if (!unary()) return false;
      items_.push_back({Item::Not, "", "", 0});
      return true;
    }
    if (t.kind == Tok::LParen) {
      take();
      if (!expr()) return false;
      if (peek().kind != Tok::RParen) return fail(peek(), "expected \")\"");
      take();
      return true;
    }
    if (t.kind != Tok::Name) return fail(t, "expected a skill name, \"not\" or \"(\"");
    Item cmp{Item::Cmp, take().text, ">=", 1};
    if (peek().kind == Tok::Op) {
      cmp.op = take().text;
      const Token& n = peek();
      if (n.kind != Tok::Number || n.text.size() > 3 || std::stoi(n.text) > kMaxSkillLevel)
        return fail(n, "expected a level (0-100) after \"" + cmp.op + "\"");
      cmp.level = std::stoi(take().text);
    } else if (peek().kind == Tok::Bad) {
      return fail(peek(), "expected one of >= > <= < == !=");
    }
    items_.push_back(std::move(cmp));
    return true;
  }

  std::string_view text_;
  std::vector<Token> toks_;
  size_t pos_ = 0;
  std::vector<Item> items_;
  std::vector<std::string> words_;
  Error error_;
};

Result<std::vector<Parser::Item>> parse(std::string_view text, std::string* normalised) {
  auto toks = tokenize(text);
  for (const auto& t : toks) {
    if (t.kind == Tok::Bad) {
      return make_error("acd.requirement", "column " + std::to_string(t.column) + ": unexpected \"" + t.text +
                                               "\" in \"" + std::string(text) + "\"");
    }
  }
  Parser p(text, std::move(toks));
  auto items = p.run();
  if (items && normalised) {
    normalised->clear();
    for (const auto& w : p.words()) {
      if (!normalised->empty()) normalised->push_back(' ');
      *normalised += w;
    }
  }
  return items;
}

}  // namespace

Result<Requirement> compile_requirement(std::string_view text, SkillCatalog& catalog) {
  Requirement r;
  auto items = parse(text, &r.text_);
  if (!items) return items.error();
  int depth = 0;
  for (const auto& it : items.value()) {
    Requirement::Instr in{Requirement::Op::And};
    switch (it.kind) {
      case Parser::Item::And: in.op = Requirement::Op::And; break;
      case Parser::Item::Or: in.op = Requirement::Op::Or; break;
      case Parser::Item::Not: in.op = Requirement::Op::Not; break;
      case Parser::Item::Cmp:
        in.skill = catalog.intern(it.skill);
        in.level = static_cast<uint8_t>(it.level);
        in.op = it.op == ">="   ? Requirement::Op::Ge
                : it.op == ">"  ? Requirement::Op::Gt
                : it.op == "<=" ? Requirement::Op::Le
                : it.op == "<"  ? Requirement::Op::Lt
                : it.op == "==" ? Requirement::Op::Eq
                                : Requirement::Op::Ne;
        if (std::find(r.skills_.begin(), r.skills_.end(), in.skill) == r.skills_.end())
          r.skills_.push_back(in.skill);
        break;
    }
    r.code_.push_back(in);
    depth += it.kind == Parser::Item::Cmp ? 1 : it.kind == Parser::Item::Not ? 0 : -1;
    if (depth > Requirement::kMaxDepth)
      return make_error("acd.requirement", "the expression is nested too deeply: \"" + std::string(text) + "\"");
  }
  return r;
}

Status check_requirement(std::string_view text) {
  SkillCatalog scratch;
  auto r = compile_requirement(text, scratch);
  if (!r) return r.error();
  return {};
}

bool Requirement::matches(const SkillLevels& levels) const {
  if (code_.empty()) return true;
  // Postfix evaluation on a fixed stack (compile_requirement bounds the depth).
  bool stack[kMaxDepth];
  size_t sp = 0;
  auto push = [&](bool v) { stack[sp++] = v; };
  auto pop = [&]() { return stack[--sp]; };
  for (const Instr& in : code_) {
    switch (in.op) {
      case Op::Ge: push(levels.level(in.skill) >= in.level); break;
      case Op::Gt: push(levels.level(in.skill) > in.level); break;
      case Op::Le: push(levels.level(in.skill) <= in.level); break;
      case Op::Lt: push(levels.level(in.skill) < in.level); break;
      case Op::Eq: push(levels.level(in.skill) == in.level); break;
      case Op::Ne: push(levels.level(in.skill) != in.level); break;
      case Op::Not: push(!pop()); break;
      case Op::And: {
        const bool b = pop(), a = pop();
        push(a && b);
        break;
      }
      case Op::Or: {
        const bool b = pop(), a = pop();
        push(a || b);
        break;
      }
    }
  }
  return pop();
}

int Requirement::score(const SkillLevels& levels) const {
  int s = 0;
  for (SkillId id : skills_) s += levels.level(id);
  return s;
}

std::string conjunction(std::string_view a, std::string_view b) {
  if (a.empty()) return std::string(b);
  if (b.empty()) return std::string(a);
  return "(" + std::string(a) + ") and (" + std::string(b) + ")";
}

}  // namespace plateau::acd
