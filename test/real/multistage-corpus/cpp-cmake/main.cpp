#include <algorithm>
#include <iostream>
#include <string>
#include <vector>

int main() {
  std::vector<std::string> words{"ballast", "drops", "dead", "weight"};
  std::sort(words.begin(), words.end());
  for (const auto &w : words) std::cout << w << ' ';
  std::cout << "\n";
  return 0;
}
