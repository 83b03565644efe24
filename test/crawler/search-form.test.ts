// Finding a page's search form: the usual shapes of government site search boxes are found with their field and
// hidden inputs; login, message and lookup forms are not taken for search.
import { describe, expect, it } from 'vitest';
import { findSearchForm } from '../../crawler/search-form.ts';

const PAGE = 'http://www.x.gov.cn/';

describe('findSearchForm', () => {
  it('reads a TRS-style GET form with hidden inputs and a select', () => {
    const html = `<form name="searchform" action="http://search.x.gov.cn/was5/web/search" target="_blank">
      <input type="hidden" name="channelid" value="2001"><select name="scope"><option value="all">全站</option></select>
      <input type="text" name="searchword" placeholder="请输入关键字"><input type="submit" value="搜索"></form>`;
    expect(findSearchForm(html, PAGE)).toEqual({
      pageUrl: PAGE, action: 'http://search.x.gov.cn/was5/web/search', method: 'get', field: 'searchword', fixed: { channelid: '2001', scope: 'all' },
      why: 'action http://search.x.gov.cn/was5/web/search, form named search, field searchword, field says search',
    });
  });

  it('takes a form by its field name or button alone, relative action resolved, POST kept', () => {
    expect(findSearchForm('<form action="/s.jsp" method="POST"><input name="q"><button>查找</button></form>', PAGE)).toMatchObject({ action: 'http://www.x.gov.cn/s.jsp', method: 'post', field: 'q' });
    expect(findSearchForm('<form action="/find"><input name="kw2"><button>搜 索</button></form>', PAGE)).toMatchObject({ action: 'http://www.x.gov.cn/find', field: 'kw2' });
  });

  it('does not take login, message or lookup forms', () => {
    expect(findSearchForm('<form action="/login"><input name="user"><input type="password" name="pw"><button>搜索</button></form>', PAGE)).toBeNull();
    expect(findSearchForm('<form action="/liuyan"><input name="title"><input name="q"><textarea name="content"></textarea><button>提交</button></form>', PAGE)).toBeNull();
    expect(findSearchForm('<form action="/bjcx"><input name="code"><button>查询</button></form>', PAGE)).toBeNull();
    expect(findSearchForm('<p>no forms</p>', PAGE)).toBeNull();
  });

  it('reports a search box outside any form as scripted', () => {
    expect(findSearchForm('<div class="ss"><input type="text" id="kw" placeholder="站内搜索"><a onclick="go()">搜索</a></div>', PAGE)).toMatchObject({ scripted: true });
  });
});
