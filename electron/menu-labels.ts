/** The application menu's words, English and Simplified Chinese (chosen from the OS locale). */
const english = {
  file: '&File', open: '&Open…', openRecent: 'Open &Recent', clearRecent: 'Clear Recent', save: '&Save As…', exportDisplayed: 'Export Displayed Packets…', quit: '&Quit',
  edit: '&Edit', find: '&Find Packet…', goTo: '&Go', goToPacket: 'Go to Packet…', previous: 'Previous Packet', next: 'Next Packet',
  capture: '&Capture', captureOptions: '&Options…', startStop: 'Start/Stop Capture', view: '&View', focusFilter: 'Display Filter', reload: 'Reload', devTools: 'Developer Tools',
  fullScreen: 'Full Screen', help: '&Help', about: 'About PacketLens',
};

export type MenuLabels = typeof english;

const chinese: MenuLabels = {
  file: '文件(&F)', open: '打开(&O)…', openRecent: '最近打开(&R)', clearRecent: '清除最近打开', save: '另存为(&S)…', exportDisplayed: '导出显示的分组…', quit: '退出(&Q)',
  edit: '编辑(&E)', find: '查找分组(&F)…', goTo: '跳转(&G)', goToPacket: '转到分组…', previous: '上一个分组', next: '下一个分组',
  capture: '捕获(&C)', captureOptions: '选项(&O)…', startStop: '开始/停止捕获', view: '视图(&V)', focusFilter: '显示过滤器', reload: '重新加载', devTools: '开发者工具',
  fullScreen: '全屏', help: '帮助(&H)', about: '关于 PacketLens',
};

export function menuLabels(locale: string): MenuLabels {
  return locale.toLowerCase().startsWith('zh') ? chinese : english;
}
