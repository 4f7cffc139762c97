import '@testing-library/jest-dom';
import { resetTaroFake } from './taro-fake';

beforeEach(() => {
  resetTaroFake();
});
