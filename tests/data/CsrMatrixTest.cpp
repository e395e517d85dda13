#include <gtest/gtest.h>

#include "data/CsrMatrix.h"

namespace vaecf {
namespace {

TEST(CsrMatrix, RowsKeepInsertionOrder) {
  CsrMatrix m(5);
  m.appendRow({4, 0, 2});
  m.appendRow({});
  m.appendRow({1});
  EXPECT_EQ(m.rows(), 3);
  EXPECT_EQ(m.nonZeros(), 4);
  EXPECT_EQ(m.rowSize(1), 0);
  EXPECT_EQ(m.rowColumns(0)[0], 4);
  EXPECT_EQ(m.rowColumns(2)[0], 1);
  EXPECT_TRUE(m.binary());
  EXPECT_EQ(m.value(0, 1), 1.0F);
}

TEST(CsrMatrix, ValuedRows) {
  CsrMatrix m(3);
  m.appendRow({2, 1}, {4.5F, 3.0F});
  EXPECT_FALSE(m.binary());
  EXPECT_EQ(m.value(0, 0), 4.5F);
  EXPECT_THROW(m.appendRow({0}), std::invalid_argument);  // binary row into a valued matrix
}

TEST(CsrMatrix, RejectsBadRows) {
  CsrMatrix m(3);
  EXPECT_THROW(m.appendRow({3}), std::out_of_range);
  EXPECT_THROW(m.appendRow({0, 1}, {1.0F}), std::invalid_argument);
  EXPECT_EQ(m.rows(), 0);
}

}  // namespace
}  // namespace vaecf
